// Random plants for trace property tests and benchmarks. A plant is built only through api commands
// (items on a few levels, BOMs, receipts, work orders with merges, splits, per-unit components, rework
// back into existing lots, reversed consumptions), and alongside it the genealogy that the documented
// semantics imply is recorded — never read back from the lineage table — so trace can be checked against it.
import type { CommandInput, CommandName, CommandResult } from '../../../common/api';
import type { ItemCategory, UnitSummary } from '../../../common/domain';
import type { Envelope } from '../../../common/errors';
import { fromMilli, toMilli } from '../../../common/quantity';
import { mulberry32 } from '../../../common/random';

/** The api's one door (as `createApi(...).invoke`); typed here because core does not import the api layer. */
export type Invoke = (command: string, input: unknown) => Promise<Envelope<unknown>>;

export interface GenealogyUnit {
  ref: string;
  part: string;
  category: ItemCategory;
  kind: 'lot' | 'serial';
  level: number;
  /** The work order that created the unit (a rework adds to a lot but does not change this). */
  madeBy: string | null;
}

export interface GenealogyStats {
  items: number;
  units: number;
  workOrders: number;
  consumptions: number;
  reversals: number;
  /** Reversals of a consumption after the work order had produced something from it. */
  reversalsAfterProduction: number;
  components: number;
  reworks: number;
  edges: number;
}

export interface Genealogy {
  /** Every lot and serial the builder made, by ref. */
  units: Map<string, GenealogyUnit>;
  /** Modelled lineage: input ref → output refs. */
  forward: Map<string, Set<string>>;
  /** Modelled lineage: output ref → input refs. */
  backward: Map<string, Set<string>>;
  /** Lots that received a rework and units whose consumption was reversed: the cases worth checking first. */
  notable: string[];
  stats: GenealogyStats;
}

export interface GenealogyOptions {
  seed: number;
  /** Roughly how many lots and serials to make (receipts included). */
  size: number;
}

/** Breadth-first search over an adjacency map: each reachable ref with its shortest distance, up to `limit` hops. */
export function reachable(
  adjacency: ReadonlyMap<string, ReadonlySet<string>>,
  roots: Iterable<string>,
  limit = Number.POSITIVE_INFINITY,
): Map<string, number> {
  const depth = new Map<string, number>();
  let frontier: string[] = [];
  for (const r of roots) {
    if (!depth.has(r)) {
      depth.set(r, 0);
      frontier.push(r);
    }
  }
  for (let d = 1; d <= limit && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const node of frontier) {
      for (const to of adjacency.get(node) ?? []) {
        if (!depth.has(to)) {
          depth.set(to, d);
          next.push(to);
        }
      }
    }
    frontier = next;
  }
  return depth;
}

type Call = <K extends CommandName>(name: K, input: CommandInput<K>) => Promise<CommandResult<K>>;

function callerOf(invoke: Invoke): Call {
  return async (name, input) => {
    const result = await invoke(name, input);
    if (!result.ok)
      throw new Error(`random genealogy: ${name} ${JSON.stringify(input)} was refused: ${result.error.code} ${result.error.message}`);
    return result.value as CommandResult<typeof name>;
  };
}

interface ItemModel {
  part: string;
  level: number;
  tracking: 'lot' | 'serial';
  category: ItemCategory;
  bom: Set<string>;
}

interface WorkOrderModel {
  number: string;
  item: ItemModel;
  open: boolean;
  /** Every unit that appeared as an output of the work order (new lots and serials, reworked lots). */
  outputs: string[];
  /** Live (not reversed) bulk consumptions: event id → consumed ref. */
  consumptions: Map<number, string>;
}

const SUBSTITUTION = 'Deviation DV-7 approved by QA';

/**
 * Builds a random plant through `invoke` and returns the genealogy the documented semantics imply:
 * a bulk consumption links the consumed unit to every output of its work order, past and future;
 * components given with a production link only to that production's outputs; a reversed consumption
 * links nothing (unless the same unit is consumed into the work order by another live consumption).
 */
export async function buildRandomGenealogy(invoke: Invoke, options: GenealogyOptions): Promise<Genealogy> {
  const call = callerOf(invoke);
  const rnd = mulberry32(options.seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const sample = <T>(list: readonly T[], n: number): T[] => {
    const copy = [...list];
    const out: T[] = [];
    while (out.length < n && copy.length > 0) out.push(copy.splice(Math.floor(rnd() * copy.length), 1)[0] as T);
    return out;
  };

  const units = new Map<string, GenealogyUnit>();
  const items = new Map<string, ItemModel>();
  const workOrders: WorkOrderModel[] = [];
  const componentEdges: [string, string][] = [];
  const notable = new Set<string>();
  const stats: GenealogyStats = {
    items: 0,
    units: 0,
    workOrders: 0,
    consumptions: 0,
    reversals: 0,
    reversalsAfterProduction: 0,
    components: 0,
    reworks: 0,
    edges: 0,
  };

  // Items on four levels: raw lots, then components, subassemblies (some sold as finished goods) and finished goods.
  await call('suppliers.create', { code: 'SUP', name: 'Random supplier' });
  const levelCategories: ItemCategory[][] = [['raw'], ['component'], ['subassembly', 'finished'], ['finished']];
  for (const [level, categories] of levelCategories.entries()) {
    const count = level === 0 ? int(2, 3) : int(1, 3);
    for (let i = 1; i <= count; i++) {
      const tracking = level === 0 ? 'lot' : rnd() < 0.5 ? 'lot' : 'serial';
      const category = pick(categories);
      const part = `L${level}-${tracking === 'lot' ? 'LOT' : 'SER'}-${i}`;
      await call('items.create', {
        part,
        description: `Level ${level} ${category} ${i}`,
        tracking,
        category,
        unit: tracking === 'lot' ? 'kg' : 'ea',
      });
      items.set(part, { part, level, tracking, category, bom: new Set() });
    }
  }
  stats.items = items.size;
  const itemList = [...items.values()];
  for (const item of itemList) {
    if (item.level === 0) continue;
    const below = itemList.filter((i) => i.level < item.level);
    const direct = pick(below.filter((i) => i.level === item.level - 1));
    const lines = [
      direct,
      ...sample(
        below.filter((i) => i !== direct),
        int(0, 2),
      ),
    ];
    for (const l of lines) item.bom.add(l.part);
    await call('boms.create', { part: item.part, lines: lines.map((l) => ({ part: l.part, quantityPer: 1 })) });
  }

  const addUnit = (u: UnitSummary, madeBy: string | null): void => {
    const item = items.get(u.item);
    if (!item) throw new Error(`random genealogy: unknown item ${u.item}`);
    if (!units.has(u.ref)) units.set(u.ref, { ref: u.ref, part: u.item, category: item.category, kind: u.type, level: item.level, madeBy });
  };
  const release = (ref: string) => call('units.setStatus', { ref, status: 'released', reason: 'Released for the random plant' });

  const receive = async (): Promise<void> => {
    const raws = itemList.filter((i) => i.level === 0);
    const lines = sample(raws, int(1, raws.length)).map((i) => ({ part: i.part, supplierLot: `S${int(10000, 99999)}`, quantity: 1000 }));
    const receipt = await call('receiving.receive', { supplier: 'SUP', lines });
    for (const lot of receipt.lots) {
      addUnit(lot, null);
      await release(lot.ref);
    }
  };

  /** Released lots and serials with something on hand, read through the api (never from lineage). */
  const usable = async (): Promise<Map<string, number>> => {
    const out = new Map<string, number>();
    for (const list of [
      await call('lots.list', { status: 'released', limit: 100_000 }),
      await call('serials.list', { status: 'released', limit: 100_000 }),
    ]) {
      for (const u of list) {
        const onHand = toMilli(u.onHand) ?? 0;
        if (onHand > 0 && units.has(u.ref)) out.set(u.ref, onHand);
      }
    }
    return out;
  };

  /** Candidates a work order may consume: usable, from a lower level, not made by the work order itself. */
  const candidatesFor = (wo: WorkOrderModel, stock: Map<string, number>, maxLevel = wo.item.level - 1): string[] =>
    [...stock.keys()].filter((ref) => {
      const u = units.get(ref);
      return u !== undefined && u.level <= maxLevel && u.madeBy !== wo.number;
    });

  /** How much of a unit to take: a serial is one piece; a lot gives 1 or 2 kg, and now and then all it has left. */
  const takeQuantity = (ref: string, stock: Map<string, number>): { quantity?: string; milli: number } => {
    const onHand = stock.get(ref) ?? 0;
    if (units.get(ref)?.kind === 'serial') return { milli: onHand };
    const milli = rnd() < 0.12 ? onHand : Math.min(onHand, int(1, 2) * 1000);
    return { quantity: fromMilli(milli), milli };
  };
  const offBom = (wo: WorkOrderModel, ref: string) => !wo.item.bom.has(units.get(ref)?.part ?? '');

  const consume = async (wo: WorkOrderModel, ref: string, stock: Map<string, number>): Promise<void> => {
    const { quantity, milli } = takeQuantity(ref, stock);
    const event = await call('workOrders.consume', {
      workOrder: wo.number,
      ref,
      ...(quantity === undefined ? {} : { quantity }),
      ...(offBom(wo, ref) ? { substitutionReason: SUBSTITUTION } : {}),
    });
    stock.set(ref, (stock.get(ref) ?? 0) - milli);
    if ((stock.get(ref) ?? 0) <= 0) stock.delete(ref);
    wo.consumptions.set(event.id, ref);
    stats.consumptions++;
  };

  const produce = async (wo: WorkOrderModel, stock: Map<string, number>, reworkInto?: string): Promise<void> => {
    const withComponents = reworkInto === undefined && rnd() < (wo.item.tracking === 'serial' ? 0.6 : 0.3);
    const components = withComponents ? sample(candidatesFor(wo, stock), int(1, 2)) : [];
    const componentInput = components.map((ref) => {
      const { quantity, milli } = takeQuantity(ref, stock);
      stock.set(ref, (stock.get(ref) ?? 0) - milli);
      if ((stock.get(ref) ?? 0) <= 0) stock.delete(ref);
      return { ref, ...(quantity === undefined ? {} : { quantity }) };
    });
    const substitution = components.some((ref) => offBom(wo, ref)) ? { substitutionReason: SUBSTITUTION } : {};
    const made =
      wo.item.tracking === 'serial'
        ? await call('workOrders.produce', { workOrder: wo.number, serials: int(1, 3), components: componentInput, ...substitution })
        : await call('workOrders.produce', {
            workOrder: wo.number,
            quantity: reworkInto === undefined ? 10 : 5,
            ...(reworkInto === undefined ? {} : { lot: reworkInto }),
            components: componentInput,
            ...substitution,
          });
    for (const out of made.outputs) {
      addUnit(out, wo.number);
      if (!wo.outputs.includes(out.ref)) wo.outputs.push(out.ref);
      for (const c of components) componentEdges.push([c, out.ref]);
      // Most outputs are released for later work orders; some stay in quarantine.
      if (out.status === 'quarantine' && rnd() < 0.85) await release(out.ref);
    }
    stats.components += components.length;
  };

  const newWorkOrder = async (item: ItemModel): Promise<WorkOrderModel> => {
    const created = await call('workOrders.create', { part: item.part, quantity: 100 });
    const wo: WorkOrderModel = { number: created.number, item, open: true, outputs: [], consumptions: new Map() };
    workOrders.push(wo);
    stats.workOrders++;
    return wo;
  };

  /** A work order that merges several inputs and splits into several outputs, sometimes consuming between productions. */
  const production = async (): Promise<void> => {
    const stock = await usable();
    const makeable = itemList.filter((i) => i.level > 0 && [...stock.keys()].some((ref) => (units.get(ref)?.level ?? 99) < i.level));
    if (makeable.length === 0) return receive();
    const wo = await newWorkOrder(pick(makeable));
    for (const ref of sample(candidatesFor(wo, stock), int(1, 3))) await consume(wo, ref, stock);
    const rounds = int(1, 3);
    for (let r = 0; r < rounds; r++) {
      await produce(wo, stock);
      if (r < rounds - 1 && rnd() < 0.5) for (const ref of sample(candidatesFor(wo, stock), 1)) await consume(wo, ref, stock);
    }
  };

  /** More work on an open work order: a consumption that links to past and future outputs, or another production. */
  const resume = async (wo: WorkOrderModel): Promise<void> => {
    const stock = await usable();
    if (rnd() < 0.6) {
      for (const ref of sample(candidatesFor(wo, stock), int(1, 2))) await consume(wo, ref, stock);
    } else {
      await produce(wo, stock);
    }
  };

  /** A consumption scanned by mistake is reversed: its unit no longer links to the work order's outputs. */
  const reverse = async (wo: WorkOrderModel, eventId: number): Promise<void> => {
    const ref = wo.consumptions.get(eventId) as string;
    await call('events.reverse', { eventId, reason: 'Scanned the wrong lot' });
    wo.consumptions.delete(eventId);
    notable.add(ref);
    stats.reversals++;
    if (wo.outputs.length > 0) stats.reversalsAfterProduction++;
  };

  /**
   * Rework: a work order for item X consumes a lot of X itself or something made from it, and produces back
   * into an existing lot of X — the genealogy gets a cycle.
   */
  const rework = async (): Promise<boolean> => {
    const lots = [...units.values()].filter((u) => u.kind === 'lot' && u.level > 0);
    if (lots.length === 0) return false;
    const stock = await usable();
    const forward = modelEdges().forward;
    const descendantsOf = (lot: GenealogyUnit) =>
      [...reachable(forward, [lot.ref]).keys()].filter((ref) => ref !== lot.ref && stock.has(ref));
    // Mostly a lot with something made from it still in stock (a longer cycle); else the lot itself (a loop) or another lot of X.
    const withDescendants = lots.filter((l) => descendantsOf(l).length > 0);
    const target = withDescendants.length > 0 && rnd() < 0.8 ? pick(withDescendants) : pick(lots);
    const item = items.get(target.part) as ItemModel;
    const descendants = descendantsOf(target);
    const sameItem = [...units.values()].filter((u) => u.part === item.part && stock.has(u.ref)).map((u) => u.ref);
    const source = descendants.length > 0 ? pick(descendants) : sameItem.length > 0 ? pick(sameItem) : undefined;
    if (source === undefined) return false;
    const wo = await newWorkOrder(item);
    await consume(wo, source, stock);
    if (rnd() < 0.4) for (const ref of sample(candidatesFor(wo, stock), 1)) await consume(wo, ref, stock);
    await produce(wo, stock, target.ref.slice(target.part.length + 1));
    notable.add(target.ref);
    stats.reworks++;
    return true;
  };

  const modelEdges = (): { forward: Map<string, Set<string>>; backward: Map<string, Set<string>>; count: number } => {
    const forward = new Map<string, Set<string>>();
    const backward = new Map<string, Set<string>>();
    let count = 0;
    const link = (from: string, to: string) => {
      const f = forward.get(from) ?? new Set<string>();
      if (!f.has(to)) count++;
      forward.set(from, f.add(to));
      backward.set(to, (backward.get(to) ?? new Set<string>()).add(from));
    };
    for (const wo of workOrders) for (const input of wo.consumptions.values()) for (const output of wo.outputs) link(input, output);
    for (const [from, to] of componentEdges) link(from, to);
    return { forward, backward, count };
  };

  for (let i = 0, n = int(1, 2); i < n; i++) await receive();
  for (let step = 0; units.size < options.size && step < options.size * 20; step++) {
    const open = workOrders.filter((w) => w.open);
    const reversible = open.flatMap((w) => [...w.consumptions.keys()].map((id) => [w, id] as const));
    const r = rnd();
    if (r < 0.12) await receive();
    else if (r < 0.3 && open.length > 0) await resume(pick(open));
    else if (r < 0.4 && reversible.length > 0) await reverse(...pick(reversible));
    else if (r < 0.5) await rework();
    else if (r < 0.55 && open.length > 0) {
      const wo = pick(open);
      await call('workOrders.close', { workOrder: wo.number });
      wo.open = false;
    } else await production();
  }
  // Every plant gets at least one rework cycle and one reversal after production, whatever the dice said.
  if (stats.reworks === 0) await rework();
  const afterProduction = workOrders.filter((w) => w.open && w.outputs.length > 0 && w.consumptions.size > 0);
  if (stats.reversalsAfterProduction === 0 && afterProduction.length > 0) {
    const wo = pick(afterProduction);
    await reverse(wo, pick([...wo.consumptions.keys()]));
  }

  const { forward, backward, count } = modelEdges();
  stats.units = units.size;
  stats.edges = count;
  return { units, forward, backward, notable: [...notable], stats };
}
