// review.* handlers: the review queue, one unit's exceptions, and approving a record with none from the queue.
import type { ReviewCommandName } from '../../common/api/review';
import { approveFromQueue, reviewExceptions, reviewQueue } from '../core/review/queue';
import type { Handlers } from './handlers';
import { provenSigner } from './signing';

export const reviewHandlers: Pick<Handlers, ReviewCommandName> = {
  'review.queue': (input, { core }) => reviewQueue(core, input),
  'review.exceptions': (input, { core }) => reviewExceptions(core, input.ref),
  'review.approve': (input, ctx) => approveFromQueue(ctx.core, input.ref, input.meaning, () => provenSigner(ctx, input.username)),
};
