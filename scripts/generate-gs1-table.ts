// Generates common/gs1/ai-table.generated.ts from the GS1 Barcode Syntax Dictionary in reference/gs1, so that
// the app's AI table is never typed in by hand. Run `npm run gs1:table` after the dictionary changes.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AiComponent, AiDefinition, Charset } from '../common/gs1/ai-definition';
import { isLinterName, UNCHECKED_LINTER_REASONS } from '../common/gs1/linters';
import type { LinterName } from '../common/gs1/linters';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DICTIONARY_PATH = join(repo, 'reference', 'gs1', 'gs1-syntax-dictionary.txt');
export const TABLE_PATH = join(repo, 'common', 'gs1', 'ai-table.generated.ts');

const COMPONENT = /^(\[)?([NXYZ])(\.\.)?(\d+)(\])?((?:,[a-z0-9]+)*)$/;
const FLAGS = /^[*!?"$%&'()+,\-./:;<=>@[\\\]^_`{|}~]+$/;

function parseComponent(token: string, line: number): AiComponent {
  const m = COMPONENT.exec(token);
  if (!m) throw new Error(`line ${line}: cannot read the component ${token}`);
  const [, open, charset, dots, length, close, linterList] = m;
  if (Boolean(open) !== Boolean(close)) throw new Error(`line ${line}: unbalanced brackets in ${token}`);
  const names = (linterList ?? '').split(',').filter(Boolean);
  const linters: LinterName[] = [];
  const unchecked: string[] = [];
  for (const name of names) {
    if (isLinterName(name)) linters.push(name);
    else if (name in UNCHECKED_LINTER_REASONS) unchecked.push(name);
    else throw new Error(`line ${line}: the linter ${name} is neither implemented (common/gs1/linters.ts) nor listed as unchecked`);
  }
  const max = Number(length);
  return { charset: charset as Charset, min: dots ? 1 : max, max, optional: Boolean(open), linters, unchecked };
}

function expandAis(spec: string, line: number): string[] {
  const [from, to] = spec.split('-');
  if (!from || !/^\d{2,4}$/.test(from)) throw new Error(`line ${line}: bad AI ${spec}`);
  if (to === undefined) return [from];
  if (to.length !== from.length || Number(to) < Number(from)) throw new Error(`line ${line}: bad AI range ${spec}`);
  const ais: string[] = [];
  for (let n = Number(from); n <= Number(to); n++) ais.push(String(n).padStart(from.length, '0'));
  return ais;
}

/** Every AI of the dictionary, ranges expanded, in the dictionary's order. */
export function parseDictionary(text: string): AiDefinition[] {
  const entries: AiDefinition[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '' || raw.startsWith('#')) return;
    const hash = raw.indexOf('#');
    const title = hash === -1 ? '' : raw.slice(hash + 1).trim();
    const tokens = (hash === -1 ? raw : raw.slice(0, hash)).trim().split(/\s+/);
    const aiSpec = tokens.shift() ?? '';
    const flags = tokens[0] !== undefined && FLAGS.test(tokens[0]) && !tokens[0].startsWith('[') ? (tokens.shift() ?? '') : '';
    const components: AiComponent[] = [];
    while (tokens[0] !== undefined && COMPONENT.test(tokens[0])) components.push(parseComponent(tokens.shift() ?? '', line));
    if (components.length === 0) throw new Error(`line ${line}: no data components`);
    const req: string[][][] = [];
    const ex: string[][] = [];
    let dlPrimaryKey: string[][] | null = null;
    const otherAttributes: string[] = [];
    for (const attr of tokens) {
      if (attr.startsWith('req=')) req.push(attr.slice(4).split(',').map((alt) => alt.split('+')));
      else if (attr.startsWith('ex=')) ex.push(attr.slice(3).split(','));
      else if (attr === 'dlpkey') dlPrimaryKey = [[]];
      else if (attr.startsWith('dlpkey=')) dlPrimaryKey = attr.slice(7).split('|').map((seq) => seq.split(','));
      else otherAttributes.push(attr);
    }
    const fixed = components.every((c) => c.min === c.max && !c.optional);
    if (flags.includes('*') && !fixed) throw new Error(`line ${line}: predefined-length AI ${aiSpec} has a variable-length format`);
    for (const ai of expandAis(aiSpec, line)) {
      entries.push({
        ai,
        title,
        predefinedLength: flags.includes('*'),
        dlAttribute: flags.includes('?'),
        components,
        minLength: components.reduce((n, c) => n + (c.optional ? 0 : c.min), 0),
        maxLength: components.reduce((n, c) => n + c.max, 0),
        req,
        ex,
        dlPrimaryKey,
        otherAttributes,
      });
    }
  });
  return entries;
}

/** The licence and copyright lines of the dictionary, which anything derived from it keeps. */
function licence(text: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith('# Copyright'));
  const end = lines.findIndex((l) => l.includes('limitations under the License.'));
  if (start === -1 || end < start) throw new Error('the dictionary has lost its licence header');
  const release = lines.find((l) => l.startsWith('# Release:'));
  return [...(release ? [release, '#'] : []), ...lines.slice(start, end + 1)].map((l) => `//${l.slice(1)}`);
}

/** The TypeScript source of common/gs1/ai-table.generated.ts for the given dictionary text. */
export function generateTable(text: string): string {
  const entries = parseDictionary(text);
  const unchecked = new Map<string, string[]>();
  for (const e of entries) for (const c of e.components) for (const name of c.unchecked) unchecked.set(name, [...(unchecked.get(name) ?? []), e.ai]);
  const out = [
    '// The GS1 Application Identifier table, GENERATED by scripts/generate-gs1-table.ts from the GS1 Barcode Syntax',
    '// Dictionary (reference/gs1/gs1-syntax-dictionary.txt). Do not edit: run `npm run gs1:table`.',
    '//',
    '// Derived from the GS1 Barcode Syntax Dictionary:',
    ...licence(text),
    '//',
    '// Linters named by the dictionary that Lotline does not check (every other linter is checked):',
    ...[...unchecked].map(([name, ais]) => `//   ${name} (AI ${ais.length > 6 ? `${ais.slice(0, 6).join(', ')} and ${ais.length - 6} more` : ais.join(', ')}): ${UNCHECKED_LINTER_REASONS[name] ?? ''}`),
    '',
    "import type { AiDefinition } from './ai-definition';",
    '',
    `/** ${entries.length} AIs, ranges expanded, in the dictionary's order. */`,
    'export const AI_TABLE: readonly AiDefinition[] = [',
    ...entries.map((e) => `  ${JSON.stringify(e)},`),
    '];',
    '',
  ];
  return out.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const source = generateTable(readFileSync(DICTIONARY_PATH, 'utf8'));
  writeFileSync(TABLE_PATH, source);
  console.log(`wrote ${TABLE_PATH}`);
}
