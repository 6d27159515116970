// The quality commands: specs, test results, nonconformances and supplier certificates.
import { attachCertificate, certificateFile, listCertificates } from '../core/quality/certificates';
import { closeNonconformance, listNonconformances, openNonconformance, updateNonconformance } from '../core/quality/nonconformances';
import { correctResult, recordResult, unitTests } from '../core/quality/results';
import { createSpec, getSpec, listSpecs } from '../core/quality/specs';
import type { Handlers } from './handlers';
import { approveSpecSigned } from './spec-approval';

type QualityCommandName = Extract<keyof Handlers, `specs.${string}` | `results.${string}` | `nc.${string}` | `certificates.${string}`>;

export const qualityHandlers: Pick<Handlers, QualityCommandName> = {
  'specs.list': (input, { core }) => listSpecs(core, input.part),
  'specs.get': (input, { core }) => getSpec(core, input.part, input.version),
  'specs.create': (input, { core }) => createSpec(core, input),
  'specs.approve': (input, ctx) => approveSpecSigned(ctx, input),
  'results.record': (input, { core }) => recordResult(core, input),
  'results.correct': (input, { core }) => correctResult(core, input),
  'results.list': (input, { core }) => unitTests(core, input.ref),
  'nc.open': (input, { core }) => openNonconformance(core, input),
  'nc.update': (input, { core }) => updateNonconformance(core, input),
  'nc.close': (input, { core }) => closeNonconformance(core, input),
  'nc.list': (input, { core }) => listNonconformances(core.db, input),
  'certificates.attach': (input, { core }) => attachCertificate(core, input),
  'certificates.list': (input, { core }) => listCertificates(core.db, input.ref),
  'certificates.get': (input, { core }) => certificateFile(core.db, input.id),
};
