// The human-readable bracketed form, "(01)09506000134352(10)A1B2". A "(" inside a value is written "\(".
import type { ElementsResult, Gs1Element } from './element';
import { fail } from './element';
import { aiDefinition } from './ai-lookup';
import { valueProblem } from './validate';

export function parseBracketed(text: string): ElementsResult {
  const n = text.length;
  if (text.charCodeAt(0) !== 0x28) return fail('Bracketed GS1 data starts with "(" and an AI');
  const elements: Gs1Element[] = [];
  let i = 0;
  while (i < n) {
    const close = text.indexOf(')', i + 1);
    if (close === -1) return fail(`"(" at position ${i + 1} is not closed`);
    const ai = text.slice(i + 1, close);
    const d = ai.length >= 2 && ai.length <= 4 ? aiDefinition(ai) : undefined;
    if (!d) return fail(`(${ai}) is not a GS1 Application Identifier`);
    let value = '';
    let j = close + 1;
    let from = j;
    for (; j < n; j++) {
      const c = text.charCodeAt(j);
      if (c === 0x28) break;
      if (c === 0x5c && text.charCodeAt(j + 1) === 0x28) {
        value += `${text.slice(from, j)}(`;
        j++;
        from = j + 1;
      }
    }
    value += text.slice(from, j);
    const problem = valueProblem(d, value);
    if (problem) return fail(problem);
    elements.push({ ai, value, title: d.title });
    i = j;
  }
  return { ok: true, elements };
}

export function toBracketed(elements: readonly { readonly ai: string; readonly value: string }[]): string {
  let out = '';
  for (const e of elements) out += `(${e.ai})${e.value.includes('(') ? e.value.replaceAll('(', '\\(') : e.value}`;
  return out;
}
