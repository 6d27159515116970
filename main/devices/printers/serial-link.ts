// A label printer on a serial port (RS-232, or USB in virtual-COM mode), opened for one job and closed after it:
// a printer unplugged between jobs is simply opened again for the next one. The port itself is opened on the main
// thread, also when the core asks from its worker (see ../serial-bridge.ts).
import { openSerial } from '../serial-bridge';
import { describeOpenError } from '../scanners/serial-scanner';
import type { PrinterLink } from './link';
import { ReplyCollector } from './link';

export interface SerialLinkOptions {
  readonly path: string;
  readonly baudRate: number;
}

export async function openSerialLink(options: SerialLinkOptions): Promise<PrinterLink> {
  const where = `serial port ${options.path}`;
  const port = await openSerial(options.path, options.baudRate).catch((error: unknown) => {
    throw new Error(describeOpenError(options.path, error).replace(`Serial port ${options.path} is`, 'is').replace(`No permission to open ${options.path}`, 'cannot be opened: no permission'));
  });
  const replies = new ReplyCollector();
  port.onData((chunk) => replies.push(chunk));
  port.onClose(() => replies.abort());
  return {
    where,
    answers: true,
    write: (bytes) => port.write(bytes),
    read: (complete, timeoutMs) => replies.read(complete, timeoutMs),
    close: () => {
      replies.abort();
      return port.close();
    },
  };
}
