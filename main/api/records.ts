// The record commands: EBR, DHR and CoA PDFs built off the database (outside any transaction), and their verification.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RenderedRecord } from '../../common/api/records';
import { LotlineError } from '../../common/errors';
import { bufferSink, fileSink } from '../documents/pdf-sink';
import { readRecord, writeRecordPdf } from '../documents/records/render-record';
import { verifyRecordPdf } from '../documents/records/verify-record';
import { statSync } from 'node:fs';
import type { Handlers } from './handlers';

type RecordCommandName = Extract<keyof Handlers, `records.${string}`>;

export const recordHandlers: Pick<Handlers, RecordCommandName> = {
  'records.render': async (input, { core }) => {
    // Read at one moment, then laid out and written off the database.
    const snapshot = core.db.transaction(() => readRecord(core.db, input.kind, input.ref)).deferred();
    const options = { generatedBy: core.actor, now: core.now() };
    const base = { kind: input.kind, id: snapshot.data.record.id, title: `${snapshot.data.record.kind.toUpperCase()} ${snapshot.data.record.id}`, sha256: snapshot.data.sha256 };
    if (input.file !== undefined) {
      const file = resolve(input.file);
      const { pages } = await writeRecordPdf(snapshot, fileSink(file), options);
      return { ...base, pages, bytes: statSync(file).size, file } satisfies RenderedRecord;
    }
    const sink = bufferSink();
    const { pages } = await writeRecordPdf(snapshot, sink, options);
    const bytes = sink.bytes();
    return { ...base, pages, bytes: bytes.length, content: bytes.toString('base64') } satisfies RenderedRecord;
  },
  'records.verify': async (input, { core }) => {
    let bytes: Buffer;
    if (input.file !== undefined) {
      try {
        bytes = readFileSync(resolve(input.file));
      } catch (error) {
        throw new LotlineError('NOT_FOUND', `Cannot read ${input.file}: ${error instanceof Error ? error.message : String(error)}`);
      }
    } else bytes = Buffer.from(input.content ?? '', 'base64');
    return verifyRecordPdf(core.db, bytes);
  },
};
