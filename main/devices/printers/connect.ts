// Opens the right link for a printer address.
import type { PrinterAddress } from '../../../common/api/printing';
import type { PrinterLink } from './link';
import { openQueueLink } from './queue-link';
import { openSerialLink } from './serial-link';
import { openTcpLink } from './tcp-link';
import { openUsbLink } from './usb-link';

export interface ConnectOptions {
  /** Document title shown by an OS print queue. */
  readonly title?: string;
}

export type ConnectPrinter = (address: PrinterAddress, options?: ConnectOptions) => Promise<PrinterLink>;

export const openPrinterLink: ConnectPrinter = (address, options = {}) => {
  switch (address.kind) {
    case 'tcp':
      return openTcpLink({ host: address.host.replace(/^\[|\]$/g, ''), port: address.port });
    case 'serial':
      return openSerialLink({ path: address.path, baudRate: address.baudRate });
    case 'usb':
      return openUsbLink({ path: address.path });
    case 'queue':
      return openQueueLink({ name: address.name, ...(options.title ? { title: options.title } : {}) });
  }
};
