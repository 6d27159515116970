// audit.exportPdf: the filtered view read at one moment, then laid out off the database.
import { auditCsv, filterText } from '../core/audit/export-csv';
import { auditRowsOf } from '../core/audit/list';
import { eventTime, withOffset } from '../core/time';
import { writeAuditPdf } from '../documents/audit-pdf';
import { bufferSink } from '../documents/pdf-sink';
import type { Handlers } from './handlers';

/** Rows printed in the PDF; the attached CSV holds the whole view. */
const PDF_ROWS = 5_000;

export const auditPdfHandler: Pick<Handlers, 'audit.exportPdf'> = {
  'audit.exportPdf': async (input, { core }) => {
    const { csv, rows } = core.db.transaction(() => ({ csv: auditCsv(core.db, input, core.now()), rows: [...auditRowsOf(core.db, input, PDF_ROWS)] })).deferred();
    const time = eventTime(undefined, core.now());
    const sink = bufferSink();
    await writeAuditPdf({ filter: filterText(input), rows, csv, generatedAt: withOffset(time.utc, time.offset), generatedBy: core.actor }, sink);
    const bytes = sink.bytes();
    return { fileName: csv.fileName.replace(/\.csv$/, '.pdf'), rows: csv.rows, contentBase64: bytes.toString('base64') };
  },
};
