// The operating system's print queue (CUPS `lp`) for PDFs on office printers: each write is one document handed
// to `lp -d QUEUE`. Nothing comes back from a queue, so the queue accepting the document is the confirmation.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PrinterLink } from './link';

export interface QueueLinkOptions {
  readonly name: string;
  /** The title the queue shows for each document. */
  readonly title?: string;
  /** The lp program (default `lp` from PATH). */
  readonly command?: string;
}

export interface QueueLink extends PrinterLink {
  /** The request ids the queue gave the documents written so far ("Office-42"). */
  readonly requests: readonly string[];
}

function runLp(command: string, args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export async function openQueueLink(options: QueueLinkOptions): Promise<QueueLink> {
  const where = `print queue ${options.name}`;
  const command = options.command ?? 'lp';
  const dir = await mkdtemp(join(tmpdir(), 'lotline-lp-'));
  const requests: string[] = [];
  let n = 0;
  return {
    where,
    answers: false,
    requests,
    async write(bytes) {
      n += 1;
      const file = join(dir, `document-${n}.pdf`);
      await writeFile(file, bytes);
      let result: Awaited<ReturnType<typeof runLp>>;
      try {
        result = await runLp(command, ['-d', options.name, ...(options.title ? ['-t', options.title] : []), '--', file]);
      } catch (error) {
        const code = (error as { code?: string }).code;
        throw new Error(code === 'ENOENT' ? 'cannot be reached: the lp command is not installed (CUPS)' : `cannot be reached: lp did not run (${String(error)})`, { cause: error });
      } finally {
        await rm(file, { force: true });
      }
      if (result.code !== 0) {
        const said = (result.stderr || result.stdout).trim().replace(/^lp: /, '');
        throw new Error(`refused the document: ${said || `lp exited with ${result.code}`}`);
      }
      const id = /request id is (\S+)/.exec(result.stdout)?.[1];
      requests.push(id ?? '(no request id)');
    },
    read: () => Promise.resolve(undefined),
    async close() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}
