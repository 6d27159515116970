// Sign-in and signing costs: one scrypt hash at the OWASP setting, auth.login end to end, what a session adds to a read
// (items.list as a signed-in user against the local system identity), and a write made while a sign-in is hashing
// (the hash runs before the transaction, so the write must not wait for it). Run: npx tsx bench/sign-in.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApi } from '../main/api';
import { hashPassword } from '../main/core/users/passwords';
import { repeatAsync } from './timing';

const dir = mkdtempSync(join(tmpdir(), 'lotline-bench-sign-in-'));
const api = createApi({ dbPath: join(dir, 'bench.db'), actor: 'bench' });
const ok = async (p: ReturnType<typeof api.invoke>) => {
  const r = await p;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
try {
  await ok(api.invoke('users.create', { username: 'qa1', printedName: 'Quinn Archer', roles: ['qa'], password: 'bench-password' }));
  await ok(api.invoke('items.create', { part: 'RESIN', description: 'Resin', tracking: 'lot', category: 'raw', unit: 'kg' }));
  const { timing: hash } = await repeatAsync(() => hashPassword('bench-password'), { maxReps: 5, budgetMs: 10_000, warmupMs: 0 });
  const { timing: login } = await repeatAsync(() => ok(api.invoke('auth.login', { username: 'qa1', password: 'bench-password' }, null)), { maxReps: 5, budgetMs: 10_000, warmupMs: 0 });
  const { token } = (await ok(api.invoke('auth.login', { username: 'qa1', password: 'bench-password' }, null))) as { token: string };
  const { timing: readSystem } = await repeatAsync(() => ok(api.invoke('items.list', {})), { maxReps: 200, budgetMs: 3_000 });
  const { timing: readSession } = await repeatAsync(() => ok(api.invoke('items.list', {}, token)), { maxReps: 200, budgetMs: 3_000 });
  // A write sent while a sign-in is hashing: answered long before the sign-in.
  const signingIn = api.invoke('auth.login', { username: 'qa1', password: 'bench-password' }, null).then(() => performance.now());
  const t0 = performance.now();
  const wrote = await ok(api.invoke('suppliers.create', { code: 'SUP', name: 'Supplier' }, token)).then(() => performance.now());
  const signedIn = await signingIn;
  const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;
  console.log(`scrypt hash (N=2^17, r=8, p=1): median ${ms(hash.median)}, p95 ${ms(hash.p95)}`);
  console.log(`auth.login end to end:          median ${ms(login.median)}, p95 ${ms(login.p95)}`);
  console.log(`items.list, system identity:     median ${ms(readSystem.median)}; with a session: median ${ms(readSession.median)}`);
  console.log(`a write during a sign-in:        answered after ${ms(wrote - t0)}; the sign-in after ${ms(signedIn - t0)}`);
} finally {
  api.close();
  rmSync(dir, { recursive: true, force: true });
}
