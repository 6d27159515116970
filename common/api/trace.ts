import { z } from 'zod';
import { command } from './contract';
import { unitRefField } from './fields';
import type { RecallImpact, TraceResult } from '../domain';

export const DEFAULT_TRACE_DEPTH = 50;
/** Units per answer unless asked otherwise: more than a person reads, little enough to send and draw at once. */
export const DEFAULT_TRACE_WINDOW = 5000;
export const MAX_TRACE_WINDOW = 50_000;
/** Units per request when every row is read (the CSV): quick in total, each answer still light. */
export const EXPORT_TRACE_WINDOW = 20_000;
const traceInput = z.object({
  ref: unitRefField,
  depth: z.number().int().min(1).max(1000).optional(),
  offset: z.number().int().min(0, 'must be 0 or more').optional(),
  limit: z.number().int().min(1).max(MAX_TRACE_WINDOW, `at most ${MAX_TRACE_WINDOW.toLocaleString('en')} units per answer; read the rest with offset`).optional(),
});

export const traceCommands = {
  'trace.backward': command<TraceResult>()({ input: traceInput, writes: false, summary: 'Where a lot or serial came from' }),
  'trace.forward': command<TraceResult>()({ input: traceInput, writes: false, summary: 'Where a lot or serial went, down to shipments and customers' }),
  'recall.impact': command<RecallImpact>()({
    input: z.object({ refs: z.array(unitRefField).min(1, 'name at least one suspect lot or serial').max(1000) }),
    writes: false,
    summary: 'Everything that contains the suspect lots or serials: finished goods, shipments, customers, stock in house',
  }),
};
