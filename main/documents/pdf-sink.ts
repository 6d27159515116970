// Where a PDF's bytes go as pdfkit writes them: a file (streamed, with backpressure so a long record never sits in
// memory) or a buffer (for the api's base64 answer). The layout waits on `drained()` between pages.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

export interface PdfSink {
  /** Takes a chunk; false when the sink wants the writer to wait for `drained()`. */
  write(chunk: Buffer): boolean;
  drained(): Promise<void>;
  /** Called after pdfkit's last chunk; resolves when every byte is stored. */
  close(): Promise<void>;
}

export function fileSink(path: string): PdfSink {
  const out = createWriteStream(path);
  let failure: Error | undefined;
  out.on('error', (e) => (failure = e));
  const check = (): void => {
    if (failure) throw new Error(`Could not write ${path}: ${failure.message}`);
  };
  return {
    write: (chunk) => out.write(chunk),
    drained: async () => {
      check();
      // once() rejects when the stream emits 'error' while waiting.
      if (out.writableNeedDrain) await once(out, 'drain');
      check();
    },
    close: async () => {
      check();
      out.end();
      if (!out.writableFinished) await once(out, 'finish');
      check();
    },
  };
}

export interface BufferSink extends PdfSink {
  bytes(): Buffer;
}

export function bufferSink(): BufferSink {
  const chunks: Buffer[] = [];
  return {
    write: (chunk) => chunks.push(chunk) > 0,
    drained: () => Promise.resolve(),
    close: () => Promise.resolve(),
    bytes: () => Buffer.concat(chunks),
  };
}
