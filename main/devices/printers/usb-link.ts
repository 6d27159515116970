// A USB printer through its device file (Linux usblp: /dev/usb/lp0), opened read/write. The file is opened
// non-blocking: the kernel has no readiness event for it that Node can wait on, so replies are polled for while,
// and only while, one is awaited.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import type { PrinterLink } from './link';
import { ReplyCollector } from './link';

export interface UsbLinkOptions {
  readonly path: string;
  /** Interval between reads while a reply is awaited (default 10 ms). */
  readonly pollMs?: number;
}

/** Why the device file could not be opened, in words (said of the printer: "is not there …"). */
export function describeUsbError(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT' || code === 'ENODEV' || code === 'ENXIO') return 'is not there (unplugged, switched off, or a wrong path)';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be opened: no permission (on Linux, add the user to the lp group)';
  if (code === 'EBUSY') return 'is in use by another program';
  return `cannot be used: ${error instanceof Error ? error.message : String(error)}`;
}

const wouldBlock = (error: unknown) => {
  const code = (error as { code?: string }).code;
  return code === 'EAGAIN' || code === 'EWOULDBLOCK';
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function openUsbLink(options: UsbLinkOptions): Promise<PrinterLink> {
  const where = `USB ${options.path}`;
  const pollMs = options.pollMs ?? 10;
  let file: FileHandle;
  try {
    file = await open(options.path, constants.O_RDWR | constants.O_NOCTTY | constants.O_NONBLOCK);
  } catch (error) {
    throw new Error(describeUsbError(error), { cause: error });
  }
  const replies = new ReplyCollector();
  let polling = false;
  let closed = false;
  const chunk = Buffer.alloc(4096);

  const poll = async (until: () => boolean) => {
    polling = true;
    try {
      while (!closed && !until()) {
        let got = 0;
        try {
          got = (await file.read(chunk, 0, chunk.length, null)).bytesRead;
        } catch (error) {
          if (!wouldBlock(error)) throw error;
        }
        if (got > 0) replies.push(Buffer.from(chunk.subarray(0, got)));
        else await pause(pollMs);
      }
    } finally {
      polling = false;
    }
  };

  return {
    where,
    answers: true,
    async write(bytes) {
      let offset = 0;
      while (offset < bytes.length) {
        try {
          offset += (await file.write(bytes, offset, bytes.length - offset, null)).bytesWritten;
        } catch (error) {
          if (!wouldBlock(error)) throw new Error(`was lost while writing (${error instanceof Error ? error.message : String(error)})`, { cause: error });
          await pause(pollMs); // the printer's buffer is full: it takes more as it prints
        }
      }
    },
    async read(complete, timeoutMs) {
      if (polling) throw new Error('A reply is already awaited on this printer link');
      let done = false;
      const reply = replies.read(complete, timeoutMs).finally(() => (done = true));
      await poll(() => done);
      return reply;
    },
    async close() {
      closed = true;
      replies.abort();
      await file.close();
    },
  };
}
