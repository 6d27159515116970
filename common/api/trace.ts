import { z } from 'zod';
import { command } from './contract';
import { unitRefField } from './fields';
import type { RecallImpact, TraceResult } from '../domain';

export const DEFAULT_TRACE_DEPTH = 50;
const traceInput = z.object({ ref: unitRefField, depth: z.number().int().min(1).max(1000).optional() });

export const traceCommands = {
  'trace.backward': command<TraceResult>()({ input: traceInput, writes: false, summary: 'Where a lot or serial came from' }),
  'trace.forward': command<TraceResult>()({ input: traceInput, writes: false, summary: 'Where a lot or serial went, down to shipments and customers' }),
  'recall.impact': command<RecallImpact>()({
    input: z.object({ refs: z.array(unitRefField).min(1, 'name at least one suspect lot or serial').max(1000) }),
    writes: false,
    summary: 'Everything that contains the suspect lots or serials: finished goods, shipments, customers, stock in house',
  }),
};
