// Turns the byte stream of a serial scanner into frames: split at a suffix (CR, LF, CRLF or any byte sequence) or,
// for scanners that send none, at a pause between bytes. Pure: the driver feeds bytes and says when the line went
// quiet; this decides what is a frame and what is noise, and why.

export type SuffixName = 'cr' | 'lf' | 'crlf' | 'none';

export const suffixNames: readonly SuffixName[] = ['cr', 'lf', 'crlf', 'none'];

/** A named suffix, or the exact bytes that end each frame. */
export type Suffix = SuffixName | Uint8Array;

export interface FrameAssemblerOptions {
  readonly suffix: Suffix;
  /** Longest frame accepted, in bytes, suffix excluded (default 4096: a full Data Matrix or QR code fits). */
  readonly maxLength?: number;
}

export type Assembled = { readonly type: 'frame'; readonly text: string } | { readonly type: 'problem'; readonly problem: string; readonly raw: string };

export const DEFAULT_MAX_FRAME_LENGTH = 4096;
const MAX_RAW_SHOWN = 80;

const GS = 0x1d;
const RS = 0x1e;
const EOT = 0x04;

function suffixBytes(suffix: Suffix): Uint8Array | undefined {
  if (suffix instanceof Uint8Array) {
    if (suffix.length === 0 || suffix.length > 8) throw new RangeError('A custom frame suffix is 1 to 8 bytes long');
    return suffix;
  }
  switch (suffix) {
    case 'cr':
      return Uint8Array.of(0x0d);
    case 'lf':
      return Uint8Array.of(0x0a);
    case 'crlf':
      return Uint8Array.of(0x0d, 0x0a);
    case 'none':
      return undefined;
    default:
      throw new RangeError(`Unknown frame suffix "${String(suffix)}": use cr, lf, crlf, none or the suffix bytes`);
  }
}

/** Parses `cr`, `lf`, `crlf`, `none`, or hex bytes such as `0x04` / `0d0a` into a suffix, or says why not. */
export function parseSuffix(text: string): { ok: true; suffix: Suffix } | { ok: false; error: string } {
  const t = text.trim().toLowerCase();
  const named = suffixNames.find((name) => name === t);
  if (named) return { ok: true, suffix: named };
  const hex = t.startsWith('0x') ? t.slice(2) : t;
  if (/^([0-9a-f]{2}){1,8}$/.test(hex)) return { ok: true, suffix: Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16)) };
  return { ok: false, error: `"${text}" is not a frame suffix: use cr, lf, crlf, none, or up to 8 bytes in hex (0x04)` };
}

/** Noise a line produces around a frame: NUL and 0xFF on plug-in, spaces, and the other half of CRLF. */
function isEdgeNoise(b: number): boolean {
  return (b <= 0x20 && b !== GS && b !== RS && b !== EOT) || b === 0xff;
}

/** Inside a frame only GS (FNC1 separator), RS and EOT (ISO/IEC 15434 envelopes) are legitimate control bytes. */
function isStrayControl(b: number): boolean {
  return (b < 0x20 && b !== GS && b !== RS && b !== EOT) || b === 0x7f;
}

export function shown(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  return text.length > MAX_RAW_SHOWN ? `${text.slice(0, MAX_RAW_SHOWN)}…` : text;
}

const hex = (b: number): string => `0x${b.toString(16).padStart(2, '0').toUpperCase()}`;

/**
 * Checks one frame's bytes: noise at the edges is dropped, an empty frame is nothing, a control byte inside is line
 * noise (the frame is refused, never guessed at), a frame longer than `maxLength` is refused.
 */
export function frameFromBytes(bytes: Uint8Array, maxLength: number): Assembled | undefined {
  let start = 0;
  let end = bytes.length;
  while (start < end && isEdgeNoise(bytes[start] ?? 0)) start++;
  while (end > start && isEdgeNoise(bytes[end - 1] ?? 0)) end--;
  if (start === end) return undefined;
  const body = bytes.subarray(start, end);
  if (body.length > maxLength) {
    return { type: 'problem', problem: `Frame too long: ${body.length} bytes, more than the ${maxLength} allowed; discarded`, raw: shown(body) };
  }
  const stray = body.findIndex(isStrayControl);
  if (stray !== -1) {
    return { type: 'problem', problem: `Line noise: control byte ${hex(body[stray] ?? 0)} at position ${stray + 1} of the frame; discarded`, raw: shown(body) };
  }
  return { type: 'frame', text: Buffer.from(body.buffer, body.byteOffset, body.length).toString('latin1') };
}

export class FrameAssembler {
  private readonly suffix: Uint8Array | undefined;
  readonly maxLength: number;
  private buffer: Buffer = Buffer.alloc(0);
  /** After an over-long frame: drop bytes up to the next suffix, so its tail does not pass for a frame. */
  private discarding = false;

  constructor(options: FrameAssemblerOptions) {
    this.suffix = suffixBytes(options.suffix);
    const max = options.maxLength ?? DEFAULT_MAX_FRAME_LENGTH;
    if (!Number.isInteger(max) || max < 1 || max > 1_000_000) throw new RangeError(`The maximum frame length must be a whole number from 1 to 1000000, not ${max}`);
    this.maxLength = max;
  }

  /** True when frames end only at a pause (no suffix configured). */
  get framedByTimeout(): boolean {
    return this.suffix === undefined;
  }

  /** Bytes waiting for their suffix or for the line to go quiet. */
  get pending(): number {
    return this.buffer.length;
  }

  push(chunk: Uint8Array): Assembled[] {
    if (chunk.length === 0) return [];
    const out: Assembled[] = [];
    const searchFrom = Math.max(0, this.buffer.length - ((this.suffix?.length ?? 1) - 1));
    this.buffer = this.buffer.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buffer, chunk]);
    if (this.suffix) {
      let from = searchFrom;
      for (;;) {
        const at = this.buffer.indexOf(this.suffix, from);
        if (at === -1) break;
        const body = this.buffer.subarray(0, at);
        this.buffer = this.buffer.subarray(at + this.suffix.length);
        from = 0;
        if (this.discarding) {
          this.discarding = false;
          continue;
        }
        const frame = frameFromBytes(body, this.maxLength);
        if (frame) out.push(frame);
      }
    }
    if (this.buffer.length > this.maxLength) {
      if (!this.discarding) {
        out.push({
          type: 'problem',
          problem: `Frame too long: more than ${this.maxLength} bytes ${this.suffix ? 'without a suffix' : 'without a pause'}; discarded${this.suffix ? ' up to the next suffix' : ''}`,
          raw: shown(this.buffer),
        });
      }
      this.discarding = true;
      this.buffer = Buffer.alloc(0);
    }
    if (this.buffer.length > 0) this.buffer = Buffer.from(this.buffer); // do not pin the chunks it came from
    return out;
  }

  /**
   * The line has been quiet for the inter-byte timeout. Without a suffix that ends the frame; with one, what is
   * waiting will never be completed (a scanner does not pause mid-frame) and is discarded with a reason.
   */
  idle(): Assembled[] {
    const body = this.buffer;
    const wasDiscarding = this.discarding;
    this.buffer = Buffer.alloc(0);
    this.discarding = false;
    if (body.length === 0 || wasDiscarding) return [];
    if (!this.suffix) {
      const frame = frameFromBytes(body, this.maxLength);
      return frame ? [frame] : [];
    }
    if (frameFromBytes(body, this.maxLength) === undefined) return []; // only noise (a stray LF, NULs)
    return [{ type: 'problem', problem: 'Incomplete frame: the scanner stopped sending before the frame suffix; discarded', raw: shown(body) }];
  }

  /** The device went away: bytes of an unfinished frame are reported, never passed on as a scan. */
  cut(reason: string): Assembled[] {
    const body = this.buffer;
    this.buffer = Buffer.alloc(0);
    const wasDiscarding = this.discarding;
    this.discarding = false;
    if (body.length === 0 || wasDiscarding || frameFromBytes(body, this.maxLength) === undefined) return [];
    // Even without a suffix a cut is not a pause: a truncated serial number could name another unit, so the
    // operator is told to scan again rather than given half a barcode.
    return [{ type: 'problem', problem: `Incomplete frame cut off (${reason}); discarded`, raw: shown(body) }];
  }
}
