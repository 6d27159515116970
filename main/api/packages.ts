// The audit package commands: preview a scope, write the package (streamed, with progress and cancel), verify one.
import { planPackage, previewOf } from '../core/packages/plan';
import { cancelJob, startJob } from '../core/packages/jobs';
import { verifyPackage } from '../core/packages/verify';
import { writePackage } from '../core/packages/write';
import type { Handlers } from './handlers';

type PackageCommandName = Extract<keyof Handlers, `packages.${string}`>;

export const packageHandlers: Pick<Handlers, PackageCommandName> = {
  'packages.preview': (input, { core }) => previewOf(core.db, planPackage(core.db, input.scope, false)),
  'packages.export': async (input, { core, publish, version }) => {
    const job = startJob(input.job);
    try {
      return await writePackage(core, input, {
        appVersion: version,
        signal: job.signal,
        progress: (p) => publish?.('progress', { command: 'packages.export', job: input.job ?? null, ...p }),
      });
    } finally {
      job.release();
    }
  },
  'packages.cancel': (input) => ({ cancelled: cancelJob(input.job) }),
  'packages.verify': (input) => verifyPackage(input.file),
};
