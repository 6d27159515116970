// Label printer transports (raw TCP 9100, serial, USB device file, OS print queue) and the ~HS host status.
export type { PrinterLink } from './link';
export { ReplyCollector } from './link';
export { openPrinterLink } from './connect';
export type { ConnectPrinter, ConnectOptions } from './connect';
export { openTcpLink, describeTcpError } from './tcp-link';
export { openSerialLink } from './serial-link';
export { openUsbLink, describeUsbError } from './usb-link';
export { openQueueLink } from './queue-link';
export type { QueueLink } from './queue-link';
export { HOST_STATUS_QUERY, queryHostStatus, hostStatusLength, parseHostStatus, hostStatusProblems, hostStatusDone, hostStatusPending } from './host-status';
export type { HostStatusAnswer } from './host-status';
