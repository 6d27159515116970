// Migration 10 keeps each imported event's CBV hash as its 32 bytes: a database written before it (hash as
// `ni:///sha-256;<hex>?ver=CBV2.0` text) migrates to the same bytes, and importing the same document again
// afterwards still adds nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Core } from '../context';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { openDatabase, schemaVersion } from '../db/open';
import { copyIntoOlderSchema } from '../db/older-schema.test-support';
import { textSource } from './document-reader';
import { generateDocument } from './generated-document';
import { eventHash } from './hash';
import { importEpcis } from './import';

const dir = mkdtempSync(join(tmpdir(), 'lotline-epcis-hash-blob-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const COPIED = ['items', 'locations', 'suppliers', 'customers', 'units', 'events', 'event_units', 'lineage', 'lineage_void', 'audit_trail'];

describe('migration 10: EPCIS event hashes as bytes', () => {
  it('turns the text hashes of a version-9 database into their bytes, and a re-import still recognises every event', () => {
    const text = generateDocument({ lots: 40, seed: 21, correction: true });
    const now = () => new Date('2026-03-01T12:00:00Z');
    // Imported at the latest version, then copied into a version-9 file with the hashes written as text, as version 9 kept them.
    const latest: Core = { db: openDatabase(join(dir, 'latest.db')), actor: 'tester', now };
    const first = latest.db.transaction(() => importEpcis(latest, textSource(text)))();
    latest.db.close();
    const file = join(dir, 'v9.db');
    let textHashes: { event_id: number; hash: string }[] = [];
    copyIntoOlderSchema(join(dir, 'latest.db'), file, 9, COPIED, (old) => {
      old.exec(`INSERT INTO main.epcis_events SELECT event_id, epcis_id, 'ni:///sha-256;' || lower(hex(hash)) || '?ver=CBV2.0', declaration, extra FROM latest.epcis_events`);
      textHashes = old.prepare<[], { event_id: number; hash: string }>('SELECT event_id, hash FROM main.epcis_events ORDER BY event_id').all();
    });
    // The hashes as text are the CBV hashes of the document's events (the declaration's too, on its own row).
    const events = (JSON.parse(text) as { epcisBody: { eventList: Record<string, unknown>[] } }).epcisBody.eventList;
    expect(new Set(textHashes.map((r) => r.hash))).toEqual(new Set(events.map((e) => eventHash(e))));

    const core: Core = { db: openDatabase(file), actor: 'tester', now };
    expect(schemaVersion(core.db)).toBe(LATEST_SCHEMA_VERSION);
    const migrated = core.db.prepare<[], { event_id: number; hash: Buffer; kind: string }>('SELECT event_id, hash, typeof(hash) AS kind FROM epcis_events ORDER BY event_id').all();
    expect(migrated.map((r) => [r.event_id, r.kind, `ni:///sha-256;${r.hash.toString('hex')}?ver=CBV2.0`])).toEqual(textHashes.map((r) => [r.event_id, 'blob', r.hash]));
    // Still append-only, and still one row per hash.
    expect(() => core.db.prepare('DELETE FROM epcis_events').run()).toThrow(/append-only/);
    const again = core.db.transaction(() => importEpcis(core, textSource(text)))();
    expect(again).toMatchObject({ events: first.events, imported: 0, skipped: first.events });
    // Without eventIDs only the hash can recognise them.
    for (const e of events) delete e.eventID;
    const byHash = core.db.transaction(() => importEpcis(core, textSource(JSON.stringify({ ...(JSON.parse(text) as object), epcisBody: { eventList: events } }))))();
    expect(byHash).toMatchObject({ imported: 0, skipped: first.events });
    expect(core.db.prepare('SELECT count(*) AS n FROM epcis_events').get()).toEqual({ n: textHashes.length });
    core.db.close();
  });
});
