// The audit package commands: preview a scope, write the package (streamed, with progress and cancel; signed by the
// exporter when asked), verify one (against the database's signature record when it has it).
import { KeptRefusal } from '../core/kept-refusal';
import { planPackage, previewOf } from '../core/packages/plan';
import { cancelJob, startJob } from '../core/packages/jobs';
import { DOWNLOAD_PATH } from '../../common/api/packages';
import { LotlineError } from '../../common/errors';
import { claimTicket, issueTicket } from '../core/packages/downloads';
import { packageRow } from '../core/packages/record';
import { checkSignatureRecord } from '../core/packages/signature-record';
import { verifyPackage } from '../core/packages/verify';
import { writePackage } from '../core/packages/write';
import type { UserRow } from '../core/users/store';
import type { HandlerContext, Handlers } from './handlers';
import { provenSigner } from './signing';

type PackageCommandName = Extract<keyof Handlers, `packages.${string}`>;

/**
 * The signer, before a byte is written: a wrong password is refused (counted and audited — its writes commit) and
 * nothing is exported. The export runs outside the command queue, so this is its own small transaction.
 */
function signerFirst(ctx: HandlerContext, username: string | undefined): UserRow {
  const outcome = ctx.core.db
    .transaction((): { signer: UserRow } | { refusal: KeptRefusal } => {
      try {
        return { signer: provenSigner(ctx, username, 'sign.username') };
      } catch (error) {
        if (error instanceof KeptRefusal) return { refusal: error };
        throw error;
      }
    })
    .immediate();
  if ('refusal' in outcome) throw outcome.refusal;
  return outcome.signer;
}

export const packageHandlers: Pick<Handlers, PackageCommandName> = {
  'packages.preview': (input, { core }) => previewOf(core.db, planPackage(core.db, input.scope, false)),
  'packages.export': async (input, ctx) => {
    const sign = input.sign ? { meaning: input.sign.meaning, signer: signerFirst(ctx, input.sign.username) } : undefined;
    const job = startJob(input.job);
    try {
      return await writePackage(ctx.core, { ...input, sign }, {
        appVersion: ctx.version,
        signal: job.signal,
        progress: (p) => ctx.publish?.('progress', { command: 'packages.export', job: input.job ?? null, ...p }),
      });
    } finally {
      job.release();
    }
  },
  'packages.cancel': (input) => ({ cancelled: cancelJob(input.job) }),
  'packages.download': (input, { core }) => {
    const row = packageRow(core.db, input.id);
    if (row === undefined) throw new LotlineError('NOT_FOUND', `There is no audit package ${input.id} in this database`);
    const { ticket, bytes } = issueTicket(row.file, row.file_name, core.now());
    return { path: `${DOWNLOAD_PATH}${ticket}`, fileName: row.file_name, bytes };
  },
  'packages.claimDownload': (input, { core }) => claimTicket(input.ticket, core.now()),
  'packages.verify': async (input, { core }) => verifyPackage(input.file, input.database === false ? undefined : (signature) => checkSignatureRecord(core.db, signature)),
};
