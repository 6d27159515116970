// Test results and nonconformances of a lot or serial from the quality module, as the record PDFs print them.
import type { Database as Db } from 'better-sqlite3';
import type { RecordDeviation, RecordResult } from '../../../common/api/records';
import { describeCriterion } from '../../../common/quality/judge';
import { listNonconformances } from '../quality/nonconformances';
import { unitTests } from '../quality/results';

/** Every result of the unit, oldest first; superseded ones are kept and marked. */
export function resultsOf(db: Db, ref: string): RecordResult[] {
  // Only the results are read: they do not depend on the clock (the spec "in force now" beside them does).
  const tests = unitTests({ db, actor: 'records', now: () => new Date(0) }, ref);
  return tests.results.map((r) => ({
    characteristic: r.characteristic,
    method: r.method,
    specVersion: r.specVersion,
    specification: describeCriterion(r.criterion),
    value: r.criterion.kind === 'numeric' ? `${r.value} ${r.criterion.unit}` : String(r.value),
    outcome: r.outcome,
    equipment: r.equipment,
    testedAt: r.testedAt,
    testedBy: r.testedBy,
    superseded: r.supersededBy !== null,
    correctionReason: r.correctionReason,
    nonconformance: r.nonconformance?.number ?? null,
  }));
}

/** Out-of-spec results and nonconformances of the unit as deviations, each with its investigation. */
export function qualityDeviationsOf(db: Db, ref: string, results: readonly RecordResult[]): RecordDeviation[] {
  const ncs = listNonconformances(db, { ref });
  const investigation = (number: string | null): string | null => {
    const nc = ncs.find((n) => n.number === number);
    if (!nc) return null;
    const done = nc.status === 'closed' ? `closed ${nc.closedAt ?? ''} by ${nc.closedBy ?? ''}` : 'open';
    return `${nc.number} (${done}): ${nc.description.replace(/\.\s*$/, '')}${nc.rootCause ? `; root cause: ${nc.rootCause}` : ''}${nc.disposition ? `; disposition: ${nc.disposition}` : ''}`;
  };
  const oos = results
    .filter((r) => r.outcome === 'fail' && !r.superseded)
    .map<RecordDeviation>((r) => ({
      kind: 'out-of-spec',
      eventId: null,
      at: r.testedAt,
      by: r.testedBy,
      description: `${ref}: ${r.characteristic} ${r.value} outside ${r.specification}`,
      investigation: investigation(r.nonconformance),
    }));
  const linked = new Set(results.map((r) => r.nonconformance));
  const others = ncs
    .filter((n) => !linked.has(n.number))
    .map<RecordDeviation>((n) => ({ kind: 'nonconformance', eventId: null, at: n.openedAt, by: n.openedBy, description: `${ref}: ${n.title}`, investigation: investigation(n.number) }));
  return [...oos, ...others];
}
