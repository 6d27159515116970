// The lots and serials an import creates are found again without the database while it remembers them by name,
// and through its filter and the database once it has forgotten them: the same lot, never a second one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Core } from '../context';
import { openDatabase } from '../db/open';
import { textSource } from './document-reader';
import { importEpcis } from './import';

const dir = mkdtempSync(join(tmpdir(), 'lotline-epcis-own-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const header = '{"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-03-01T00:00:00Z","epcisBody":{"eventList":[';
const receipt = (n: number, epcClass: string, quantity = 5) =>
  JSON.stringify({
    eventID: `urn:uuid:c${n}`, type: 'ObjectEvent', eventTime: `2026-01-01T00:00:${String(n % 60).padStart(2, '0')}.000Z`, eventTimeZoneOffset: '+01:00',
    action: 'ADD', bizStep: 'receiving', quantityList: [{ epcClass, quantity, uom: 'KGM' }],
  });

describe('lots and serials an import creates', () => {
  it.each([undefined, 100, 1])('are found again under another name however many it keeps by name (%s)', (ownUnitsHeld) => {
    const core: Core = { db: openDatabase(join(dir, `own-${ownUnitsHeld ?? 'default'}.db`)), actor: 'tester', now: () => new Date('2026-03-01T12:00:00Z') };
    try {
      // 300 new lots of a new item, then the first, the 150th and the last again as Digital Links (the URI cache misses;
      // another quantity, or the event hash would find the same event).
      const events = Array.from({ length: 300 }, (_, n) => receipt(n, `urn:epc:class:lgtin:9506000.013435.F${n}`));
      for (const n of [0, 150, 299]) events.push(receipt(300 + n, `https://id.gs1.org/01/09506000134352/10/F${n}`, 6));
      events.push(receipt(1000, 'https://id.gs1.org/01/09506000134352/10/NEW'));
      const result = core.db.transaction(() => importEpcis(core, textSource(`${header}${events.join(',')}]}}`), undefined, { ownUnitsHeld }))();
      expect(result).toMatchObject({ events: 304, imported: 304 });
      expect(result.placeholders.units).toBe(301);
      const eventsOf = core.db.prepare<[string], { n: number }>(
        `SELECT count(*) AS n FROM event_units eu JOIN units u ON u.id = eu.unit_id WHERE u.code = ?`,
      );
      expect([eventsOf.get('F0')?.n, eventsOf.get('F150')?.n, eventsOf.get('F299')?.n, eventsOf.get('F1')?.n, eventsOf.get('NEW')?.n]).toEqual([2, 2, 2, 1, 1]);
    } finally {
      core.db.close();
    }
  });
});
