// The recall commands. Every campaign decision (a scope rule, each status step, lifting a hold) is QA's and signed
// with the meaning approved: the signer's password is proved before the transaction, then the decision is written and
// its fixed record signed in the same transaction, so a refused signature leaves nothing behind.
import type { Campaign } from '../../common/api/recall';
import { LotlineError } from '../../common/errors';
import type { Core } from '../core/context';
import { campaignByNumber, createCampaign, getCampaign, listCampaigns } from '../core/recall/campaigns';
import type { CampaignRow } from '../core/recall/campaigns';
import { heldBy, liftHolds } from '../core/recall/containment';
import { campaignImpact } from '../core/recall/impact';
import { massBalance } from '../core/recall/mass-balance';
import { addRule } from '../core/recall/rules';
import { campaignScope, scopeUpTo } from '../core/recall/scope';
import { LIFT_RECORD, RULE_RECORD, STEP_RECORD } from '../core/recall/signable';
import { closeCampaign, monitorCampaign, openCampaign } from '../core/recall/steps';
import { campaignTracking, recordFieldAction, recordResponse } from '../core/recall/tracking';
import { signRecord } from '../core/signatures/signatures';
import type { Handlers, HandlerContext } from './handlers';
import { provenSigner } from './signing';
import { recallDocumentHandlers } from './recall-documents';

type Signature = { meaning: string; username?: string | undefined; password: string } | undefined;

/**
 * Runs a campaign decision and signs the records it wrote with the meaning approved. The local system identity
 * (no session) may decide unsigned, under its own name; a signed-in person always signs.
 */
function signedDecision(ctx: HandlerContext, signature: Signature, action: string, kind: string, decide: (core: Core) => string | string[]): void {
  const { core } = ctx;
  if (signature === undefined) {
    if (core.user === undefined) {
      decide(core);
      return;
    }
    throw new LotlineError('VALIDATION', `signature: ${action.toLowerCase()} is signed: give the meaning approved and your password`);
  }
  if (signature.meaning !== 'approved') throw new LotlineError('VALIDATION', `signature.meaning: must be approved for ${action.toLowerCase()}, not ${signature.meaning}`);
  const signer = provenSigner(ctx, signature.username, 'signature.username');
  const ids = decide({ ...core, actor: core.user?.username ?? signer.username });
  for (const id of Array.isArray(ids) ? ids : [ids]) signRecord(core, { kind, id }, 'approved', signer);
}

function decided(ctx: HandlerContext, number: string, signature: Signature, action: string, kind: string, decide: (core: Core, campaign: CampaignRow) => string | string[]): Campaign {
  const campaign = campaignByNumber(ctx.core.db, number);
  signedDecision(ctx, signature, action, kind, (core) => decide(core, campaign));
  return getCampaign(ctx.core.db, number);
}

type RecallCommandName = Extract<keyof Handlers, `recalls.${string}`>;

const scopeOf = (core: Core, number: string) => {
  const campaign = campaignByNumber(core.db, number);
  return { campaign, scope: campaignScope(core.db, campaign) };
};

export const recallHandlers: Pick<Handlers, RecallCommandName> = {
  'recalls.create': (input, { core }) => createCampaign(core, input),
  'recalls.list': (input, { core }) => listCampaigns(core.db, input),
  'recalls.get': (input, { core }) => getCampaign(core.db, input.number),
  'recalls.scope': (input, { core }) => scopeUpTo(campaignScope(core.db, campaignByNumber(core.db, input.number)), input.limit),
  'recalls.held': (input, { core }) => heldBy(core.db, campaignByNumber(core.db, input.number)),
  'recalls.addRule': (input, ctx) =>
    decided(ctx, input.number, input.signature, 'Narrowing a recall scope', RULE_RECORD, (core, c) => addRule(core, c, input.mode, input.rule, input.rationale)),
  'recalls.open': (input, ctx) => decided(ctx, input.number, input.signature, 'Opening a recall', STEP_RECORD, (core, c) => openCampaign(core, c, input.note ?? null)),
  'recalls.monitor': (input, ctx) =>
    decided(ctx, input.number, input.signature, 'Moving a recall to monitoring', STEP_RECORD, (core, c) => monitorCampaign(core, c, input.note ?? null)),
  'recalls.close': (input, ctx) =>
    decided(ctx, input.number, input.signature, 'Closing a recall', STEP_RECORD, (core, c) => closeCampaign(core, c, input.note ?? null, input.explanation ?? null)),
  'recalls.lift': (input, ctx) => decided(ctx, input.number, input.signature, 'Lifting a recall hold', LIFT_RECORD, (core, c) => liftHolds(core, c, input.refs, input.reason)),
  'recalls.impact': (input, { core }) => campaignImpact(core.db, scopeOf(core, input.number).scope, { lines: input.lines ?? true }),
  'recalls.respond': (input, { core }) => {
    const { campaign, scope } = scopeOf(core, input.number);
    recordResponse(core, campaign, scope, input);
    return campaignTracking(core.db, campaign, scope);
  },
  'recalls.fieldAction': (input, { core }) => {
    const { campaign, scope } = scopeOf(core, input.number);
    recordFieldAction(core, campaign, scope, input);
    return campaignTracking(core.db, campaign, campaignScope(core.db, campaign));
  },
  'recalls.tracking': (input, { core }) => {
    const { campaign, scope } = scopeOf(core, input.number);
    return campaignTracking(core.db, campaign, scope);
  },
  'recalls.massBalance': (input, { core }) => massBalance(core.db, scopeOf(core, input.number).scope),
  ...recallDocumentHandlers,
};
