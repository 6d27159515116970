// The committed EPCIS validators are exactly what ajv compiles from the schema, and they judge documents as
// compiling the schema at run time does.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import * as generated from '../main/core/epcis/epcis-validators.generated.js';
import { generateDocument } from '../main/core/epcis/generated-document';
import { generateValidators, SCHEMA_PATH, VALIDATORS_PATH } from './generate-epcis-validators';

const schemaText = readFileSync(SCHEMA_PATH, 'utf8');

describe('generate-epcis-validators', () => {
  it('main/core/epcis/epcis-validators.generated.js is up to date (run `npm run epcis:validators`)', () => {
    expect(readFileSync(VALIDATORS_PATH, 'utf8')).toBe(generateValidators(schemaText));
  });

  it('accepts and refuses what the schema compiled at run time accepts and refuses, with the same errors', () => {
    const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;
    const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: true });
    addFormats(ajv);
    const schema = JSON.parse(schemaText) as { $id: string };
    ajv.addSchema(schema);
    const runtime = { document: ajv.compile({ $ref: schema.$id }), event: ajv.compile({ $ref: `${schema.$id}#/definitions/EPCIS-Document-Event` }) };
    const doc = JSON.parse(generateDocument({ lots: 30, seed: 4, correction: true })) as { epcisBody: { eventList: Record<string, unknown>[] } };
    const events = doc.epcisBody.eventList;
    const broken: unknown[] = [
      { ...events[0], eventTimeZoneOffset: '+25:00' },
      { ...events[1], eventTime: 'yesterday' },
      { ...events[2], bizLocation: { id: 'not a uri' } },
      { ...events[3], type: 'TeleportEvent' },
      { ...events[4], quantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.012345.998877', quantity: 'many' }] },
    ];
    let refused = 0;
    for (const e of [...events, ...broken]) {
      const a = runtime.event(e);
      const b = generated.event(e);
      expect(b).toBe(a);
      expect(generated.event.errors ?? null).toEqual(runtime.event.errors ?? null);
      if (!b) refused++;
    }
    expect(refused).toBe(broken.length);
    expect(generated.document(doc)).toBe(true);
    const badHeader = { ...doc, schemaVersion: 3, creationDate: 'soon' };
    expect(generated.document(badHeader)).toBe(runtime.document(badHeader));
    expect(generated.document.errors).toEqual(runtime.document.errors);
  });
});
