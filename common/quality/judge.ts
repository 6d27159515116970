// Pass or fail of one value against one characteristic: pure, shared by the core (which records it) and the screens (which preview it).
import type { CharacteristicCriterion, TestOutcome } from '../api/quality';

export type Judgement = { ok: true; value: number | string; outcome: TestOutcome } | { ok: false; problem: string };

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Limits are inclusive: a value equal to a limit passes. Text values match the expected text ignoring case and spacing. */
export function judge(name: string, criterion: CharacteristicCriterion, raw: number | string): Judgement {
  if (criterion.kind === 'numeric') {
    const value = typeof raw === 'number' ? raw : NUMBER.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
    if (!Number.isFinite(value))
      return { ok: false, problem: `${name} is measured in ${criterion.unit}: give a number, not “${String(raw)}”` };
    const low = criterion.lower === null || value >= criterion.lower;
    const high = criterion.upper === null || value <= criterion.upper;
    return { ok: true, value, outcome: low && high ? 'pass' : 'fail' };
  }
  if (typeof raw === 'number')
    return { ok: false, problem: `${name} is judged by text (expected “${criterion.expected}”): give the observed text, not a number` };
  return { ok: true, value: raw.trim(), outcome: normalise(raw) === normalise(criterion.expected) ? 'pass' : 'fail' };
}

function normalise(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** "6.5 – 7.5 pH", "≤ 0.02 %", "≥ 50 N", "“Pass”" — the specification as people read it. */
export function describeCriterion(criterion: CharacteristicCriterion): string {
  if (criterion.kind === 'text') return `“${criterion.expected}”`;
  const { lower, upper, unit } = criterion;
  if (lower !== null && upper !== null) return `${lower} – ${upper} ${unit}`;
  if (lower !== null) return `≥ ${lower} ${unit}`;
  return `≤ ${upper ?? ''} ${unit}`;
}
