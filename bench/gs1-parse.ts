// GS1 scan parsing speed on one core (issue 4: at least 200,000 scans/s). Prints a markdown table; writes nothing.
// Each form is parsed with full validation (format, check digit, dates, associations) by parseGs1. Two baselines run
// in the same process, interleaved with the real parser: JSON.parse of the same four fields (what any parse costs at
// the least) and a naive regex split that checks nothing (what "good enough" scanner code in ERPs does).
// Run: npx tsx bench/gs1-parse.ts
import { parseGs1 } from '../common/gs1';

const SCANS = {
  'element string (]d2, GS)': ']d201095060001343521724123110A1B2\x1D21SER1',
  'bracketed': '(01)09506000134352(17)241231(10)A1B2(21)SER1',
  'Digital Link': 'https://id.gs1.org/01/09506000134352/10/A1B2/21/SER1?17=241231',
  'EPC URN (sgtin)': 'urn:epc:id:sgtin:9506000.013435.SER1',
} as const;

const JSON_PAYLOAD = '{"01":"09506000134352","17":"241231","10":"A1B2","21":"SER1"}';
const NAIVE = new RegExp(`^(?:\\]..)?01(\\d{14})17(\\d{6})10([^${'\x1D'}]*)${'\x1D'}21(.*)$`);

let sink = 0;
function rate(run: () => void): number {
  const started = performance.now();
  let n = 0;
  while (performance.now() - started < 250) {
    for (let i = 0; i < 2000; i++) run();
    n += 2000;
  }
  return n / ((performance.now() - started) / 1000);
}

const cases: [string, () => void][] = [
  ...Object.entries(SCANS).map(([name, scan]): [string, () => void] => [
    `parseGs1: ${name}`,
    () => {
      const r = parseGs1(scan);
      if (r.ok) sink += r.elements.length;
      else throw new Error(r.error);
    },
  ]),
  ['baseline: JSON.parse of the same 4 fields', () => void (sink += Object.keys(JSON.parse(JSON_PAYLOAD) as object).length)],
  ['baseline: naive regex split, no checks', () => void (sink += NAIVE.exec(SCANS['element string (]d2, GS)'])?.length ?? 0)],
];

for (const [, run] of cases) rate(run); // warm up
const rounds = 5;
const results = new Map<string, number[]>(cases.map(([name]) => [name, []]));
for (let r = 0; r < rounds; r++) for (const [name, run] of cases) results.get(name)?.push(rate(run));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const fmt = (n: number) => Math.round(n).toLocaleString('en');
console.log(`GS1 parse, one core, median of ${rounds} interleaved rounds (Node ${process.version})\n`);
console.log('| what | scans/s | µs/scan |');
console.log('| --- | ---: | ---: |');
for (const [name, xs] of results) console.log(`| ${name} | ${fmt(median(xs))} | ${(1e6 / median(xs)).toFixed(2)} |`);
console.log(`\nTarget: 200,000 scans/s. (checksum ${sink % 10})`);
