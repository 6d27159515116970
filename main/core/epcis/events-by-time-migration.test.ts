// Migration 15 keeps each imported event's eventID and hash with its event time, first in their unique indexes: a
// database written before it migrates to the times an import writes now (an error declaration's row takes the
// declared event's time), and importing the same document again afterwards, with or without eventIDs, adds nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Core } from '../context';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { copyIntoOlderSchema } from '../db/older-schema.test-support';
import { openDatabase, schemaVersion } from '../db/open';
import { textSource } from './document-reader';
import { generateDocument } from './generated-document';
import { importEpcis } from './import';

const dir = mkdtempSync(join(tmpdir(), 'lotline-epcis-by-time-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const COPIED = ['items', 'locations', 'suppliers', 'customers', 'units', 'events', 'event_units', 'lineage', 'lineage_void', 'audit_trail', 'epcis_events'];

describe('migration 15: EPCIS eventIDs and hashes kept with their event time', () => {
  it('gives a version-14 database the times an import writes, and a re-import still recognises every event', () => {
    const text = generateDocument({ lots: 40, seed: 22, correction: true });
    const now = () => new Date('2026-03-01T12:00:00Z');
    const latest: Core = { db: openDatabase(join(dir, 'latest.db')), actor: 'tester', now };
    const first = latest.db.transaction(() => importEpcis(latest, textSource(text)))();
    const written = latest.db.prepare<[], { event_id: number; event_time: string; declaration: number }>('SELECT event_id, event_time, declaration FROM epcis_events ORDER BY event_id').all();
    latest.db.close();
    expect(written.some((r) => r.declaration === 1)).toBe(true);

    // The same rows in a version-14 file, which had no event_time in epcis_events.
    const file = join(dir, 'v14.db');
    copyIntoOlderSchema(join(dir, 'latest.db'), file, 14, COPIED);

    const core: Core = { db: openDatabase(file), actor: 'tester', now };
    expect(schemaVersion(core.db)).toBe(LATEST_SCHEMA_VERSION);
    expect(core.db.prepare('SELECT event_id, event_time, declaration FROM epcis_events ORDER BY event_id').all()).toEqual(written);
    const unique = core.db.prepare<[], { name: string }>("SELECT name FROM pragma_index_list('epcis_events') WHERE \"unique\" = 1").all();
    const keys = unique.map((i) => core.db.prepare<[string], { name: string }>('SELECT name FROM pragma_index_info(?) ORDER BY seqno').all(i.name).map((c) => c.name).join(','));
    expect(keys.sort()).toEqual(['event_time,epcis_id,declaration', 'event_time,hash,declaration']);
    expect(() => core.db.prepare('UPDATE epcis_events SET extra = NULL').run()).toThrow(/append-only/);

    const again = core.db.transaction(() => importEpcis(core, textSource(text)))();
    expect(again).toMatchObject({ events: first.events, imported: 0, skipped: first.events });
    const events = (JSON.parse(text) as { epcisBody: { eventList: Record<string, unknown>[] } }).epcisBody.eventList;
    for (const e of events) delete e.eventID;
    const byHash = core.db.transaction(() => importEpcis(core, textSource(JSON.stringify({ ...(JSON.parse(text) as object), epcisBody: { eventList: events } }))))();
    expect(byHash).toMatchObject({ imported: 0, skipped: first.events });
    expect(core.db.prepare('SELECT count(*) AS n FROM epcis_events').get()).toEqual({ n: written.length });
    core.db.close();
  });
});
