// Raw TCP (port 9100, "JetDirect"): the usual way to a network label printer.
import { Socket } from 'node:net';
import type { PrinterLink } from './link';
import { ReplyCollector } from './link';

export interface TcpLinkOptions {
  readonly host: string;
  readonly port: number;
  /** How long to wait for the connection (default 5000 ms). */
  readonly connectTimeoutMs?: number;
}

/** Why a connection failed, in words (said of the printer: "refuses the connection …"). */
export function describeTcpError(error: Error & { code?: string }): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'refuses the connection (is the port right, and raw printing on?)';
    case 'ETIMEDOUT':
      return 'does not answer the connection (switched off, or not on this network)';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'cannot be reached from this computer';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'has a host name that is not known';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'closed the connection';
    default:
      return `failed: ${error.message}`;
  }
}

export function openTcpLink(options: TcpLinkOptions): Promise<PrinterLink> {
  const where = `${options.host}:${options.port}`;
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    const replies = new ReplyCollector();
    let failure: string | undefined;
    const timer = setTimeout(() => socket.destroy(Object.assign(new Error('connect timed out'), { code: 'ETIMEDOUT' })), options.connectTimeoutMs ?? 5000);
    const onConnectError = (error: Error) => {
      clearTimeout(timer);
      reject(new Error(describeTcpError(error)));
    };
    socket.once('error', onConnectError);
    socket.connect({ host: options.host, port: options.port }, () => {
      clearTimeout(timer);
      socket.off('error', onConnectError);
      socket.setNoDelay(true);
      socket.on('data', (chunk: Buffer) => replies.push(chunk));
      socket.on('error', (error) => (failure = describeTcpError(error)));
      socket.on('close', () => replies.abort());
      resolve({
        where,
        answers: true,
        write: (bytes) =>
          new Promise<void>((done, fail) => {
            if (socket.destroyed || !socket.writable) {
              fail(new Error(failure ?? 'closed the connection'));
              return;
            }
            socket.write(bytes, (error) => (error ? fail(new Error(describeTcpError(error))) : done()));
          }),
        read: (complete, timeoutMs) => replies.read(complete, timeoutMs),
        close: () =>
          new Promise<void>((done) => {
            replies.abort();
            if (socket.destroyed) return done();
            socket.once('close', () => done());
            socket.end();
            // A printer that never closes its side must not hold the job: drop the socket after a short grace.
            setTimeout(() => socket.destroy(), 1000).unref();
          }),
      });
    });
  });
}
