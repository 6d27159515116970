// The input report of a USB HID POS barcode scanner (usage page 0x8C, Scanned Data Report), read byte by byte,
// and the assembly of a barcode longer than one report from its continued reports.
//
// Layout with a numbered report, as node-hid delivers it (the report ID first), per the HID Point of Sale Usage
// Tables 1.02 (Scanned Data Report 0x12: Symbology Identifier 1–3, Decoded Data 0xFE, Decoded Data Continued 0xFF)
// as laid out by scanners that implement it (Access-IS LSR116/ATR110 manuals, "HID reports: Receive data";
// Honeywell's HID POS mode is read the same way):
//   byte 0      report ID (0x02)
//   byte 1      number of decoded-data bytes in this report (0–56)
//   bytes 2–4   AIM symbology identifier: ']', symbology letter, modifier (0x00 when the scanner sends none)
//   bytes 5–60  decoded data, left-aligned, padded with 0x00
//   byte 61     vendor symbology identifier
//   byte 62     reserved
//   byte 63     bit 0: decoded data continued — more of this barcode follows in the next report
import { frameFromBytes, shown } from './frame-assembler';
import type { Assembled } from './frame-assembler';

export const HID_POS_USAGE_PAGE = 0x8c;
/** Usage 0x02 of page 0x8C: Bar Code Scanner (the application collection). */
export const HID_POS_SCANNER_USAGE = 0x02;
export const HID_POS_SCANNED_DATA_REPORT_ID = 0x02;

/** Offsets counted without the report ID byte. */
const LENGTH = 0;
const AIM = 1;
const DATA = 4;
const DATA_CAPACITY = 56;
const VENDOR_SYMBOLOGY = 60;
const FLAGS = 62;
const REPORT_BODY = 63;
const CONTINUED = 0x01;

export interface HidPosReportOptions {
  /** The report ID of scanned data (default 0x02); `null` when the device sends unnumbered reports. */
  readonly reportId?: number | null;
}

export type HidPosReport =
  | {
      readonly type: 'data';
      readonly aim?: string;
      readonly data: Uint8Array;
      readonly continued: boolean;
      readonly vendorSymbology: number;
    }
  /** Another report of the device (status, attributes): not scanned data, not a problem. */
  | { readonly type: 'other'; readonly reportId: number }
  | { readonly type: 'problem'; readonly problem: string };

const printable = (b: number | undefined): boolean => b !== undefined && b > 0x20 && b < 0x7f;

export function readHidPosReport(report: Uint8Array, options: HidPosReportOptions = {}): HidPosReport {
  const reportId = options.reportId === undefined ? HID_POS_SCANNED_DATA_REPORT_ID : options.reportId;
  let body = report;
  if (reportId !== null) {
    if (report.length === 0) return { type: 'problem', problem: 'Empty HID report' };
    if (report[0] !== reportId) return { type: 'other', reportId: report[0] ?? 0 };
    body = report.subarray(1);
  }
  if (body.length < REPORT_BODY) {
    return { type: 'problem', problem: `HID POS report too short: ${body.length} bytes after the report ID, a scanned data report has ${REPORT_BODY}` };
  }
  const length = body[LENGTH] ?? 0;
  if (length > DATA_CAPACITY) return { type: 'problem', problem: `HID POS report claims ${length} data bytes; a report holds at most ${DATA_CAPACITY}` };
  const [a, c, m] = [body[AIM], body[AIM + 1], body[AIM + 2]];
  const aim = a === 0x5d && printable(c) && printable(m) ? String.fromCharCode(a, c ?? 0, m ?? 0) : undefined;
  return {
    type: 'data',
    ...(aim ? { aim } : {}),
    data: body.subarray(DATA, DATA + length),
    continued: ((body[FLAGS] ?? 0) & CONTINUED) !== 0,
    vendorSymbology: body[VENDOR_SYMBOLOGY] ?? 0,
  };
}

/** Builds a report as a scanner sends it (tests and simulators): one per 56 data bytes, continued flags set. */
export function hidPosReports(data: Uint8Array, options: { aim?: string; reportId?: number | null; vendorSymbology?: number } = {}): Buffer[] {
  const reportId = options.reportId === undefined ? HID_POS_SCANNED_DATA_REPORT_ID : options.reportId;
  const reports: Buffer[] = [];
  for (let at = 0; at === 0 || at < data.length; at += DATA_CAPACITY) {
    const chunk = data.subarray(at, at + DATA_CAPACITY);
    const body = Buffer.alloc(REPORT_BODY);
    body[LENGTH] = chunk.length;
    if (options.aim) body.write(options.aim.slice(0, 3), AIM, 'latin1');
    body.set(chunk, DATA);
    body[VENDOR_SYMBOLOGY] = options.vendorSymbology ?? 0;
    body[FLAGS] = at + DATA_CAPACITY < data.length ? CONTINUED : 0;
    reports.push(reportId === null ? body : Buffer.concat([Buffer.of(reportId), body]));
  }
  return reports;
}

/** Joins continued reports into one frame (AIM id first, as a serial scanner sends it). */
export class HidPosAssembler {
  private parts: Uint8Array[] = [];
  private size = 0;
  private aim: string | undefined;
  private discarding = false;

  constructor(
    readonly maxLength: number,
    private readonly options: HidPosReportOptions = {},
  ) {}

  get pending(): boolean {
    return this.parts.length > 0 || this.discarding;
  }

  push(report: Uint8Array): Assembled[] {
    const read = readHidPosReport(report, this.options);
    if (read.type === 'other') return [];
    if (read.type === 'problem') {
      const cut = this.cut('a malformed report followed');
      return [...cut, { type: 'problem', problem: read.problem, raw: shown(report) }];
    }
    if (this.parts.length === 0 && !this.discarding) this.aim = read.aim;
    const out: Assembled[] = [];
    if (!this.discarding) {
      this.parts.push(read.data);
      this.size += read.data.length;
      if (this.size > this.maxLength) {
        out.push({ type: 'problem', problem: `Frame too long: more than ${this.maxLength} bytes in continued HID reports; discarded`, raw: shown(Buffer.concat(this.parts)) });
        this.parts = [];
        this.size = 0;
        this.discarding = true;
      }
    }
    if (read.continued) return out;
    if (this.discarding) {
      this.discarding = false;
      return out;
    }
    const data = Buffer.concat(this.parts);
    const aim = this.aim;
    this.parts = [];
    this.size = 0;
    this.aim = undefined;
    const frame = frameFromBytes(data, this.maxLength);
    if (frame?.type === 'frame') out.push({ type: 'frame', text: (aim ?? '') + frame.text });
    else if (frame) out.push(frame);
    return out;
  }

  /** The device went away mid-barcode: what was assembled is reported, never passed on. */
  cut(reason: string): Assembled[] {
    const had = this.parts.length > 0;
    const raw = had ? shown(Buffer.concat(this.parts)) : '';
    this.parts = [];
    this.size = 0;
    this.aim = undefined;
    this.discarding = false;
    return had ? [{ type: 'problem', problem: `Incomplete barcode: continued HID reports cut off (${reason}); discarded`, raw }] : [];
  }
}
