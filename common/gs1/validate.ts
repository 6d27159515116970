// Checks one AI value against its format (length, character set, linters) and a set of AIs against the
// dictionary's associations (req=, ex=). Messages name the AI and the rule, for the person holding the scanner.
import type { AiComponent, AiDefinition, Charset } from './ai-definition';
import { aiDefinition } from './ai-lookup';
import { CSET82, runLinter } from './linters';

const CSET39 = '#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const CSET64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function table(chars: string): Uint8Array {
  const t = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) t[chars.charCodeAt(i)] = 1;
  return t;
}
const ALLOWED: Record<Charset, Uint8Array> = { N: table('0123456789'), X: table(CSET82), Y: table(CSET39), Z: table(`${CSET64}=`) };
const CHARSET_NAME: Record<Charset, string> = { N: 'digits only', X: 'GS1 character set 82', Y: 'GS1 character set 39', Z: 'GS1 character set 64 (base64url)' };

function show(ch: string): string {
  const code = ch.charCodeAt(0);
  return code < 32 || code === 127 ? `0x${code.toString(16).padStart(2, '0').toUpperCase()}` : `"${ch}"`;
}

function charsetProblem(c: AiComponent, s: string, offset: number): string | undefined {
  const allowed = ALLOWED[c.charset];
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code >= 128 || allowed[code] !== 1) return `character ${show(s.charAt(i))} at position ${offset + i + 1} is not allowed (${CHARSET_NAME[c.charset]})`;
  }
  if (c.charset === 'Z') {
    const pad = s.indexOf('=');
    if (pad !== -1 && (s.length - pad > 2 || s.slice(pad) !== '='.repeat(s.length - pad))) return `"=" is allowed only as padding at the end`;
  }
  return undefined;
}

function lengthText(d: AiDefinition): string {
  return d.minLength === d.maxLength ? `${d.maxLength}` : `${d.minLength} to ${d.maxLength}`;
}

/** Why `value` is not a valid value of the AI, as "AI 17: month 13 is not a month"; undefined when valid. */
export function valueProblem(d: AiDefinition, value: string): string | undefined {
  const len = value.length;
  if (len === 0) return `AI ${d.ai}: the value is empty`;
  if (len > d.maxLength) return `AI ${d.ai}: too long (${len} characters; ${lengthText(d)} allowed)`;
  let pos = 0;
  for (const c of d.components) {
    const remaining = len - pos;
    if (remaining === 0 && c.optional) break;
    let take: number;
    if (c.min === c.max) {
      if (remaining < c.max) return `AI ${d.ai}: too short (${len} characters; ${lengthText(d)}${d.components.length > 1 ? ' in parts of the right length' : ''} needed)`;
      take = c.max;
    } else {
      take = Math.min(remaining, c.max);
      if (take < c.min) return `AI ${d.ai}: too short (${len} characters; ${lengthText(d)} needed)`;
    }
    const part = pos === 0 && take === len ? value : value.slice(pos, pos + take);
    const bad = charsetProblem(c, part, pos);
    if (bad) return `AI ${d.ai}: ${bad}`;
    for (const name of c.linters) {
      const problem = runLinter(name, part);
      if (problem) return `AI ${d.ai}: ${problem}`;
    }
    pos += take;
  }
  if (pos < len) return `AI ${d.ai}: too long (${len} characters; ${lengthText(d)} allowed)`;
  return undefined;
}

/** Why `ai` is not usable at all (not an AI in the dictionary), or its definition. */
export function lookupAi(ai: string): AiDefinition | string {
  return aiDefinition(ai) ?? `AI ${ai} is not a GS1 Application Identifier`;
}

function matches(pattern: string, ai: string): boolean {
  if (pattern.length !== ai.length) return false;
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern.charCodeAt(i);
    if (p !== 110 /* n */ && p !== ai.charCodeAt(i)) return false;
  }
  return true;
}

const anyPresent = (pattern: string, present: readonly string[], except?: string) => present.some((ai) => ai !== except && matches(pattern, ai));

function listText(items: readonly string[]): string {
  return items.length === 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1) ?? ''}`;
}

/**
 * Why a set of AIs breaks the dictionary's rules: the same AI twice with different values, a mandatory association
 * missing (`req=`: "AI 21 requires AI 01, 03 or 8006") or an invalid pairing (`ex=`: "AI 02 cannot be used with AI 01").
 */
export function associationProblem(elements: readonly { readonly ai: string; readonly value: string }[]): string | undefined {
  const seen = new Map<string, string>();
  for (const e of elements) {
    const before = seen.get(e.ai);
    if (before !== undefined && before !== e.value) return `AI ${e.ai} appears twice with different values (${before} and ${e.value})`;
    seen.set(e.ai, e.value);
  }
  const present = [...seen.keys()];
  for (const ai of present) {
    const d = aiDefinition(ai);
    if (!d) continue;
    for (const patterns of d.ex) {
      for (const pattern of patterns) {
        const clash = present.find((other) => other !== ai && matches(pattern, other));
        if (clash) return `AI ${ai} cannot be used with AI ${clash}`;
      }
    }
    for (const alternatives of d.req) {
      if (!alternatives.some((group) => group.every((pattern) => anyPresent(pattern, present)))) {
        return `AI ${ai} requires AI ${listText(alternatives.map((g) => g.join(' with ')))}`;
      }
    }
  }
  return undefined;
}
