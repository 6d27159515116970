// The start nodes of the trace benchmarks, chosen from the data by fixed rules so every run on the same dataset
// picks the same ones: narrow (a finished serial), typical (the median trace of a sample of lots) and widest
// (the common-ingredient raw lot with the largest forward trace).
import type { Database as Db } from 'better-sqlite3';
import { DEFAULT_TRACE_DEPTH } from '../common/api/trace';
import { formatRef } from '../common/refs';
import type { AdjacencyFloor } from './floor';

export type StartClass = 'narrow' | 'typical' | 'widest';

export interface StartNode {
  class: StartClass;
  id: number;
  ref: string;
  item: string;
  /** Nodes each way within the default trace depth. */
  forward: number;
  backward: number;
  /** How it was chosen, for the write-up. */
  rule: string;
}

const COMMON = ['SALT', 'SUGAR', 'WATER'];
const SAMPLE = 201;

/** `count` values spread evenly over the list, first and last included. */
function spread<T>(list: readonly T[], count: number): T[] {
  if (list.length <= count) return [...list];
  return Array.from({ length: count }, (_, i) => list[Math.round((i * (list.length - 1)) / (count - 1))] as T);
}

export function chooseStartNodes(db: Db, floor: AdjacencyFloor): StartNode[] {
  const units = (where: string, params: unknown[] = []) =>
    db
      .prepare<unknown[], { id: number; kind: 'lot' | 'serial'; code: string; part: string }>(
        `SELECT u.id, u.kind, u.code, i.part FROM units u JOIN items i ON i.id = u.item_id WHERE ${where} ORDER BY u.id`,
      )
      .all(...params);
  const sized = (u: { id: number; kind: 'lot' | 'serial'; code: string; part: string }) => ({
    id: u.id,
    ref: formatRef(u.kind, u.part, u.code),
    item: u.part,
    forward: floor.count([u.id], 'forward', DEFAULT_TRACE_DEPTH),
    backward: floor.count([u.id], 'backward', DEFAULT_TRACE_DEPTH),
  });
  const byId = (a: { id: number }, b: { id: number }) => a.id - b.id;

  const serials = spread(units(`u.kind = 'serial'`), SAMPLE).map(sized);
  const lots = spread(units(`u.kind = 'lot'`), SAMPLE).map(sized);
  const common = spread(units(`u.kind = 'lot' AND i.part IN (${COMMON.map(() => '?').join(',')})`, COMMON), 90).map(sized);
  if (lots.length === 0 || common.length === 0) throw new Error('The dataset has no lots of SALT, SUGAR or WATER: it is not a scale plant');

  // A serial whose whole ancestry is smallest; without serials, the lot with the smallest trace both ways.
  const narrowPool = serials.length > 0 ? serials : lots;
  const narrow = [...narrowPool].sort((a, b) => a.forward + a.backward - (b.forward + b.backward) || byId(a, b))[0];
  const bySize = [...lots].sort((a, b) => a.forward + a.backward - (b.forward + b.backward) || byId(a, b));
  const typical = bySize[Math.floor(bySize.length / 2)];
  const widest = [...common].sort((a, b) => b.forward - a.forward || byId(a, b))[0];
  if (!narrow || !typical || !widest) throw new Error('No start nodes could be chosen');
  return [
    {
      class: 'narrow',
      ...narrow,
      rule: `${serials.length > 0 ? 'finished serial' : 'lot'} with the smallest trace (forward + backward) among ${narrowPool.length} spread evenly by id`,
    },
    { class: 'typical', ...typical, rule: `lot with the median trace size (forward + backward) among ${lots.length} spread evenly by id` },
    {
      class: 'widest',
      ...widest,
      rule: `${COMMON.join('/')} raw lot with the largest forward trace among ${common.length} spread evenly by id`,
    },
  ];
}
