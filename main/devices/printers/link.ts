// One way to talk to every printer: open a link, write bytes, read what the printer answers (with a timeout), close.
// Each transport (raw TCP 9100, serial, USB device file, the OS print queue) implements it.

export interface PrinterLink {
  /** Where the link goes, in words ("10.0.0.5:9100", "serial port /dev/ttyUSB0"). */
  readonly where: string;
  /** False when nothing can come back (the OS print queue): no host status, and acceptance is the confirmation. */
  readonly answers: boolean;
  /** What the far end called each document it accepted so far (the print queue's request ids), when it says. */
  readonly requests?: readonly string[];
  /** Writes the bytes; resolves once they have left this process (handed to the socket, port or device). */
  write(bytes: Uint8Array): Promise<void>;
  /**
   * Waits for a reply: resolves with the first `length` bytes received after the call once `complete` finds a whole
   * reply in what arrived (it returns that reply's length, or 0 while incomplete), or undefined after `timeoutMs`.
   * Bytes that arrived before the call are stale and discarded.
   */
  read(complete: (received: Buffer) => number, timeoutMs: number): Promise<Buffer | undefined>;
  close(): Promise<void>;
}

/** Collects what a printer sends and hands a reply to the one reader waiting for it. */
export class ReplyCollector {
  private received: Buffer = Buffer.alloc(0);
  private waiting: { complete: (received: Buffer) => number; resolve: (reply: Buffer | undefined) => void; timer: NodeJS.Timeout } | undefined;

  push(chunk: Buffer): void {
    this.received = this.received.length === 0 ? chunk : Buffer.concat([this.received, chunk]);
    // A chatty device must not grow memory without bound while nobody listens.
    if (!this.waiting && this.received.length > 64 * 1024) this.received = this.received.subarray(-64 * 1024);
    this.check();
  }

  read(complete: (received: Buffer) => number, timeoutMs: number): Promise<Buffer | undefined> {
    if (this.waiting) return Promise.reject(new Error('A reply is already awaited on this printer link'));
    this.received = Buffer.alloc(0);
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.finish(undefined), timeoutMs);
      this.waiting = { complete, resolve, timer };
    });
  }

  /** Ends a pending read with nothing (the link closed). */
  abort(): void {
    this.finish(undefined);
  }

  private check(): void {
    if (!this.waiting) return;
    const length = this.waiting.complete(this.received);
    if (length <= 0) return;
    const reply = this.received.subarray(0, length);
    this.received = this.received.subarray(length);
    this.finish(reply);
  }

  private finish(reply: Buffer | undefined): void {
    const waiting = this.waiting;
    if (!waiting) return;
    this.waiting = undefined;
    clearTimeout(waiting.timer);
    waiting.resolve(reply);
  }
}
