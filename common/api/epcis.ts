// EPCIS 2.0 exchange: import a JSON/JSON-LD document into the ledger, export events as one.
import { z } from 'zod';
import { command } from './contract';
import { timeField, unitRefField } from './fields';

export interface EpcisImportResult {
  /** Events in the document. */
  events: number;
  /** Ledger events written (error declarations included). */
  imported: number;
  /** Events already recorded (same eventID or same event hash): nothing added for them. */
  skipped: number;
  /** Error declarations recorded as corrections of the event they declare. */
  corrections: number;
  /** Master data the document named that Lotline did not know, created as placeholders. */
  placeholders: {
    items: { part: string; gtin: string | null }[];
    locations: string[];
    suppliers: string[];
    customers: string[];
    units: number;
  };
}

export interface EpcisExportResult {
  events: number;
  /** The file written, when one was named. */
  file: string | null;
  /** The document itself, when no file was named. */
  document: string | null;
}

export const epcisCommands = {
  'epcis.import': command<EpcisImportResult>()({
    input: z
      .object({
        file: z.string().trim().min(1, 'must name a file').optional(),
        text: z.string().min(2, 'must be an EPCIS JSON document').optional(),
      })
      .refine((v) => (v.file === undefined) !== (v.text === undefined), { message: 'give either file or text', path: ['file'] }),
    writes: true,
    summary: 'Import an EPCIS 2.0 JSON/JSON-LD document: all of its events or, when one is invalid, none',
  }),
  'epcis.export': command<EpcisExportResult>()({
    input: z.object({
      from: timeField.optional(),
      to: timeField.optional(),
      lots: z.array(unitRefField).max(1000).optional(),
      file: z.string().trim().min(1, 'must name a file').optional(),
    }),
    writes: false,
    summary: 'Export events (all, a time window, or those of the lots’ backward and forward trace) as an EPCIS 2.0 JSON-LD document',
  }),
};
