// Scanner drivers (serial, USB HID POS) and the one scan pipeline they all feed.
export type { Frame, FrameProblem, DeviceState, DeviceStateEvent, ScannerEvents, ScanSource, Scan, ScanKind, ScanEvent } from './types';
export { FrameAssembler, parseSuffix, suffixNames, DEFAULT_MAX_FRAME_LENGTH } from './frame-assembler';
export type { Suffix, SuffixName, Assembled, FrameAssemblerOptions } from './frame-assembler';
export { SerialScanner, describeOpenError } from './serial-scanner';
export type { SerialScannerOptions } from './serial-scanner';
export { HidPosScanner } from './hid-pos-scanner';
export type { HidDeviceLike, HidPosScannerOptions } from './hid-pos-scanner';
export { readHidPosReport, hidPosReports, HidPosAssembler, HID_POS_USAGE_PAGE, HID_POS_SCANNER_USAGE, HID_POS_SCANNED_DATA_REPORT_ID } from './hid-pos-report';
export type { HidPosReport, HidPosReportOptions } from './hid-pos-report';
export { hidScannerDevices, openHidDevice } from './hid-discovery';
export type { HidScannerDevice, HidEnumerator, HidDeviceInfo } from './hid-discovery';
export { decodeFrame, defaultDocumentPatterns, symbologyName } from './scan-decoder';
export type { DocumentPatterns, ScanDecoderOptions } from './scan-decoder';
export { ScanPipeline, DEFAULT_DUPLICATE_WINDOW_MS } from './scan-pipeline';
export type { ScanPipelineOptions, ScanListener } from './scan-pipeline';
export { reconnectDelay } from './reconnect';
export type { ReconnectOptions } from './reconnect';
