// A label printer on a serial port (RS-232, or USB in virtual-COM mode), opened for one job and closed after it:
// a printer unplugged between jobs is simply opened again for the next one.
import { SerialPort } from 'serialport';
import { describeOpenError } from '../scanners/serial-scanner';
import type { PrinterLink } from './link';
import { ReplyCollector } from './link';

export interface SerialLinkOptions {
  readonly path: string;
  readonly baudRate: number;
}

export function openSerialLink(options: SerialLinkOptions): Promise<PrinterLink> {
  const where = `serial port ${options.path}`;
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path: options.path, baudRate: options.baudRate, autoOpen: false });
    port.open((error) => {
      if (error) {
        port.removeAllListeners();
        reject(new Error(describeOpenError(options.path, error).replace(`Serial port ${options.path} is`, 'is').replace(`No permission to open ${options.path}`, 'cannot be opened: no permission')));
        return;
      }
      const replies = new ReplyCollector();
      let failure: string | undefined;
      port.on('data', (chunk: Buffer) => replies.push(chunk));
      port.on('error', (err: Error) => (failure = err.message));
      port.on('close', () => replies.abort());
      resolve({
        where,
        answers: true,
        write: (bytes) =>
          new Promise<void>((done, fail) => {
            if (!port.isOpen) {
              fail(new Error(`was lost${failure ? ` (${failure})` : ''}`));
              return;
            }
            port.write(Buffer.from(bytes), (writeError) => {
              if (writeError) fail(new Error(`was lost while writing (${writeError.message})`));
              else port.drain((drainError) => (drainError ? fail(new Error(`was lost while writing (${drainError.message})`)) : done()));
            });
          }),
        read: (complete, timeoutMs) => replies.read(complete, timeoutMs),
        close: () =>
          new Promise<void>((done) => {
            replies.abort();
            if (!port.isOpen) {
              port.removeAllListeners();
              done();
              return;
            }
            port.close(() => {
              port.removeAllListeners();
              done();
            });
          }),
      });
    });
  });
}
