// signatures.* handlers.
import type { SignatureCommandName } from '../../common/api/signatures';
import { listSignatures, signRecord } from '../core/signatures/signatures';
import '../core/units/signable';
import type { Handlers } from './handlers';
import { provenSigner } from './signing';

export const signatureHandlers: Pick<Handlers, SignatureCommandName> = {
  'signatures.sign': (input, ctx) => signRecord(ctx.core, input.record, input.meaning, provenSigner(ctx, input.username)),
  'signatures.list': (input, { core }) => listSignatures(core.db, input.record),
};
