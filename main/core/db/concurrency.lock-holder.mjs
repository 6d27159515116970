// Test fixture for concurrency.test.ts: a second OS process that takes the trace database's write lock
// with plain better-sqlite3 (as another station or a backup tool would), says so on stdout, holds it —
// for a number of milliseconds, or until a line arrives on stdin — and then commits.
//   node concurrency.lock-holder.mjs <db file> <hold ms | stdin>
import Database from 'better-sqlite3';
import { createInterface } from 'node:readline';

const [file, hold] = process.argv.slice(2);
const db = new Database(file, { timeout: 5000 });
db.exec('BEGIN IMMEDIATE');
// A write of its own to a table the audit trail does not cover (counters), so the other side can see this
// process's commit without it counting as a change made outside Lotline.
db.prepare('INSERT INTO counters (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run('lock-holder', process.pid);
process.stdout.write(`locked ${Date.now()}\n`);

const release = () => {
  db.exec('COMMIT');
  db.close();
  process.stdout.write(`committed ${Date.now()}\n`);
  process.exit(0);
};
if (hold === 'stdin') createInterface({ input: process.stdin }).once('line', release);
else setTimeout(release, Number(hold));
