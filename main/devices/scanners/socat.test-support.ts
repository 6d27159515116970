// Real serial ports for tests: a socat pty pair whose two ends are symlinks that survive a restart of socat, so
// a test can unplug (stop socat) and replug (start it again with the same names).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, lstatSync } from 'node:fs';
import { SerialPort } from 'serialport';

export interface PtyPair {
  /** The end the driver under test opens. */
  readonly scanner: string;
  /** The end the test writes scanner bytes into. */
  readonly host: string;
  /** Stops socat and waits until it has exited and both links are gone. */
  unplug(): Promise<void>;
  /** Starts socat again with the same link names and waits until both links exist. */
  replug(): Promise<void>;
  close(): Promise<void>;
}

const present = (path: string): boolean => {
  try {
    lstatSync(path);
    return existsSync(path);
  } catch {
    return false;
  }
};

/**
 * Polls a condition on a short interval; readiness, not a fixed sleep. The limit only ends a test that would
 * otherwise hang: generous, because socat and the driver share two cores with the rest of the suite.
 */
export async function until(condition: () => boolean, what: string, timeoutMs = 25_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export async function ptyPair(scanner: string, host: string): Promise<PtyPair> {
  let child: ChildProcess | undefined;
  const start = async () => {
    const proc = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${scanner}`, `pty,raw,echo=0,link=${host}`], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    proc.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child = proc;
    await until(() => present(scanner) && present(host) && log.includes('starting data transfer loop'), `socat to link ${scanner} and ${host}`);
  };
  const stop = async () => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGTERM');
    await exited;
    await until(() => !present(scanner) && !present(host), 'socat to remove its links');
  };
  await start();
  return { scanner, host, unplug: stop, replug: start, close: stop };
}

/** Opens the host end to play the scanner; `send` writes and waits until the bytes are out. */
export async function scannerEnd(path: string): Promise<{ send(bytes: string | Uint8Array): Promise<void>; close(): Promise<void> }> {
  const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
  return {
    send: (bytes) =>
      new Promise<void>((resolve, reject) => {
        port.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes, (error) => {
          if (error) reject(error);
          else port.drain((drainError) => (drainError ? reject(drainError) : resolve()));
        });
      }),
    close: () => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())),
  };
}
