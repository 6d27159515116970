// The package's zip, written as a stream: each file flows through a SHA-256 and byte count into yazl and on to
// disk with backpressure, one file at a time, so memory stays flat however many files and rows there are. The zip is
// written under a temporary name beside the target and renamed only when complete (a cancelled or failed export
// leaves nothing under the asked-for name).
import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import type { PackageFileEntry } from '../../../common/api/packages';
import { LotlineError } from '../../../common/errors';

export type EntrySource = Readable | Iterable<string | Buffer> | AsyncIterable<string | Buffer>;

/** Formats that are compressed already: stored, not deflated again. */
const STORED = /\.(pdf|xlsx|zip|png|jpe?g)$/i;

export class PackageZip {
  readonly entries: PackageFileEntry[] = [];
  /** Bytes of every file so far, uncompressed. */
  bytes = 0;
  private readonly zip = new ZipFile();
  private readonly partial: string;
  private readonly out;
  private readonly done: Promise<void>;
  private failure: Error | undefined;

  constructor(
    private readonly file: string,
    private readonly options: { mtime: Date; signal?: AbortSignal | undefined; onBytes?: ((bytes: number) => void) | undefined },
  ) {
    mkdirSync(dirname(file), { recursive: true });
    this.partial = join(dirname(file), `.${basename(file)}.${process.pid}.partial`);
    this.out = createWriteStream(this.partial);
    this.done = finished(this.zip.outputStream.pipe(this.out)).catch((error: unknown) => {
      this.failure = error instanceof Error ? error : new Error(String(error));
    });
    this.out.on('error', (error) => (this.failure ??= error));
  }

  /** Adds one file; resolves once all of its bytes have been hashed and handed to the zip. */
  async add(path: string, title: string, mediaType: string, source: EntrySource): Promise<PackageFileEntry> {
    this.check();
    const hash = createHash('sha256');
    let bytes = 0;
    const { signal, onBytes } = this.options;
    const meter = new Transform({
      transform: (chunk: Buffer, _encoding, callback) => {
        if (signal?.aborted) {
          callback(cancelled());
          return;
        }
        hash.update(chunk);
        bytes += chunk.length;
        this.bytes += chunk.length;
        onBytes?.(this.bytes);
        callback(null, chunk);
      },
    });
    this.zip.addReadStream(meter, path, { mtime: this.options.mtime, compress: !STORED.test(path) });
    const input = source instanceof Readable ? source : Readable.from(source, { objectMode: false });
    await pipeline(input, meter);
    this.check();
    const entry = { path, sha256: hash.digest('hex'), bytes, mediaType, title };
    this.entries.push(entry);
    return entry;
  }

  /** Writes the central directory, waits for the disk and puts the zip under its name; returns its size. */
  async finish(): Promise<number> {
    this.check();
    this.zip.end();
    await this.done;
    this.check();
    renameSync(this.partial, this.file);
    return statSync(this.file).size;
  }

  /** After a failure or a cancel: stop writing and remove the partial file. */
  abort(): void {
    this.zip.outputStream.unpipe(this.out);
    this.out.destroy();
    rmSync(this.partial, { force: true });
  }

  private check(): void {
    if (this.options.signal?.aborted) throw cancelled();
    if (this.failure) throw new LotlineError('INTERNAL', `Could not write ${this.file}: ${this.failure.message}`);
  }
}

export function cancelled(): LotlineError {
  return new LotlineError('CONFLICT', 'The audit package was cancelled; no file was left behind', { cancelled: true });
}
