// xlsx for the FSMA 204 spreadsheet through exceljs's streaming writer: each row is committed as it comes
// and zipped on the way to the file. Header row frozen and bold, autofilter over every row, widths from
// the column list, dates and times as real spreadsheet dates (sortable and filterable by date).
import ExcelJS from 'exceljs';
import type { Cell, SheetColumn, SheetSink } from './sink';

export const SHEET_NAME = 'FSMA 204';

/** YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS (a wall-clock time) as the Date exceljs writes as that same serial. */
export function sheetDate(text: string): Date {
  const [date = '', time = '00:00:00'] = text.split('T');
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm, ss] = time.split(':').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0, ss ?? 0));
}

const NUMBER_FORMATS: Partial<Record<SheetColumn['type'], string>> = { date: 'yyyy-mm-dd', datetime: 'yyyy-mm-dd hh:mm:ss' };

/** Rows committed between two turns of the event loop, which is when the zip stream drains to the file. */
const ROWS_PER_TURN = 256;

function columnLetter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

export function xlsxFileSink(file: string, sheetName: string = SHEET_NAME): SheetSink {
  let workbook: ExcelJS.stream.xlsx.WorkbookWriter | undefined;
  let sheet: ExcelJS.Worksheet | undefined;
  let types: SheetColumn['type'][] = [];
  let rows = 0;
  return {
    begin(columns: readonly SheetColumn[]) {
      workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
      workbook.creator = 'Lotline';
      sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }] });
      types = columns.map((c) => c.type);
      sheet.columns = columns.map((c) => {
        const numFmt = NUMBER_FORMATS[c.type];
        return { header: c.header, key: c.key, width: c.width, ...(numFmt ? { style: { numFmt } } : {}) };
      });
      const header = sheet.getRow(1);
      header.font = { bold: true };
      header.alignment = { vertical: 'top', wrapText: true };
      header.commit();
      return Promise.resolve();
    },
    async row(cells: readonly Cell[]) {
      if (sheet === undefined) throw new Error('xlsx: row before begin');
      const values = cells.map((v, i) => (typeof v === 'string' && (types[i] === 'date' || types[i] === 'datetime') ? sheetDate(v) : v));
      sheet.addRow(values).commit();
      rows++;
      if (rows % ROWS_PER_TURN === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    },
    async end() {
      if (workbook === undefined || sheet === undefined) return;
      sheet.autoFilter = `A1:${columnLetter(types.length)}${rows + 1}`;
      sheet.commit();
      await workbook.commit();
    },
    abort() {
      // The writer has no cancel: its file stream is closed so the caller can remove the partial file.
      const stream = (workbook as unknown as { stream?: { destroy?: () => void } } | undefined)?.stream;
      stream?.destroy?.();
    },
  };
}
