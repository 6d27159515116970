import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApi } from '../api';

describe('demo plant', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lotline-demo-'));
  const api = createApi({ dbPath: join(dir, 'demo.db'), actor: 'demo' });
  afterAll(() => {
    api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads once into an empty database and verifies', async () => {
    const t0 = Date.now();
    expect(await api.seedDemoIfEmpty()).toBe(true);
    console.log(`demo plant seeded in ${Date.now() - t0} ms`);
    expect(await api.seedDemoIfEmpty()).toBe(false);
    const dash = await api.invoke('dashboard.summary', {});
    expect(dash.ok).toBe(true);
    const verify = await api.invoke('audit.verify', {});
    expect(verify).toMatchObject({ ok: true, value: { ok: true } });
  });
});
