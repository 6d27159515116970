// Test fixture for concurrency.test.ts: a second station in its own OS process, running the real api on
// the same database file (started with `node --import tsx`, so the api's TypeScript loads as it is).
//   node --import tsx concurrency.station.mjs <api module URL> <db file> <actor>
// Commands on stdin, answers on stdout, one line each:
//   "write"     → receives and releases one lot of RES from SUP → "wrote <ref>"
//   "burst <n>" → n of those as fast as it can → "started" after the first, "done <refs JSON>" at the end
//   "report"    → "seen <refs of every lot JSON>"
//   "quit"      → closes the database and exits 0
import { createInterface } from 'node:readline';

const [apiUrl, file, actor] = process.argv.slice(2);
const { createApi } = await import(apiUrl);
const api = createApi({ dbPath: file, actor });
let n = 0;

const call = async (name, input) => {
  const result = await api.invoke(name, input);
  if (!result.ok) throw new Error(`station: ${name} was refused: ${result.error.code} ${result.error.message}`);
  return result.value;
};
const receiveAndRelease = async () => {
  const receipt = await call('receiving.receive', {
    supplier: 'SUP',
    lines: [{ part: 'RES', supplierLot: `${actor}-${++n}`, quantity: 10 }],
  });
  const ref = receipt.lots[0].ref;
  await call('units.setStatus', { ref, status: 'released', reason: `Incoming inspection passed at ${actor}` });
  return ref;
};
const say = (line) => process.stdout.write(`${line}\n`);

say('ready');
for await (const line of createInterface({ input: process.stdin })) {
  const [command, arg] = line.split(' ');
  if (command === 'write') say(`wrote ${await receiveAndRelease()}`);
  else if (command === 'burst') {
    const refs = [];
    for (let i = 0; i < Number(arg); i++) {
      refs.push(await receiveAndRelease());
      if (i === 0) say('started');
    }
    say(`done ${JSON.stringify(refs)}`);
  } else if (command === 'report') say(`seen ${JSON.stringify((await call('lots.list', { limit: 100000 })).map((l) => l.ref))}`);
  else if (command === 'quit') break;
  else throw new Error(`station: unknown command "${line}"`);
}
api.close();
process.exit(0);
