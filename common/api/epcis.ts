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

/**
 * Pushed on the api's `progress` topic while an import reads its document: after each megabyte or so and once
 * at the end. `job` is the id the caller gave the import, so a window follows its own import and not another's.
 */
export interface EpcisImportProgress {
  command: 'epcis.import';
  job: string | null;
  /** Events read so far. */
  events: number;
  /** Bytes of the document read so far, of `totalBytes`. */
  bytes: number;
  totalBytes: number;
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
        // An id of the caller's choosing that the import's progress events carry.
        job: z.string().trim().min(1).max(64, 'must be at most 64 characters').optional(),
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
