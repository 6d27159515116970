// Lookups built once from the generated AI table: AI → definition, how long an AI is from its first two digits,
// and the GS1 Digital Link key-qualifier sequences.
import type { AiDefinition } from './ai-definition';
import { AI_TABLE } from './ai-table.generated';

const byAi = new Map<string, AiDefinition>(AI_TABLE.map((d) => [d.ai, d]));

/** AI length (2, 3 or 4) by its first two digits, as a number 0–99; 0 where no AI starts with them. */
const lengthByPrefix = new Uint8Array(100);
for (const d of AI_TABLE) {
  const prefix = Number(d.ai.slice(0, 2));
  const known = lengthByPrefix[prefix] ?? 0;
  if (known !== 0 && known !== d.ai.length) throw new Error(`AI table: AIs starting ${d.ai.slice(0, 2)} differ in length`);
  lengthByPrefix[prefix] = d.ai.length;
}

export function aiDefinition(ai: string): AiDefinition | undefined {
  return byAi.get(ai);
}

/** How many digits the AI starting at `at` has, from its first two characters; 0 when none is known. */
export function aiLengthAt(data: string, at: number): number {
  const a = data.charCodeAt(at) - 48;
  const b = data.charCodeAt(at + 1) - 48;
  if (a < 0 || a > 9 || b < 0 || b > 9) return 0;
  return lengthByPrefix[a * 10 + b] ?? 0;
}

/** Every valid Digital Link path AI sequence ("01 22 10 21", "01 10", "01 235", …): the key, then any in-order subset of one qualifier list. */
const dlPathSequences = new Set<string>();
/** The qualifier lists of each primary key, in dictionary order. */
const dlQualifierLists = new Map<string, readonly (readonly string[])[]>();
for (const d of AI_TABLE) {
  if (!d.dlPrimaryKey) continue;
  dlQualifierLists.set(d.ai, d.dlPrimaryKey);
  for (const qualifiers of d.dlPrimaryKey) {
    for (let mask = 0; mask < 1 << qualifiers.length; mask++) {
      dlPathSequences.add([d.ai, ...qualifiers.filter((_, i) => mask & (1 << i))].join(' '));
    }
  }
}

const qualifierAis = new Set([...dlQualifierLists.values()].flat(2));

/** Whether the AI qualifies some primary key in a Digital Link path (22, 10, 21, 235, 254, 7040, …). */
export function isDlQualifier(ai: string): boolean {
  return qualifierAis.has(ai);
}

export function isDlPrimaryKey(ai: string): boolean {
  return dlQualifierLists.has(ai);
}

export function isDlPathSequence(ais: readonly string[]): boolean {
  return dlPathSequences.has(ais.join(' '));
}

export function dlQualifiers(key: string): readonly (readonly string[])[] {
  return dlQualifierLists.get(key) ?? [];
}

export const ALL_AIS: readonly AiDefinition[] = AI_TABLE;
