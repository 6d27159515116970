// Where the spreadsheet's rows go: a CSV file, an xlsx file, or (in tests) an array. The writer waits on
// each promise it is given, which is how a sink holds the query back while the disk catches up.
import type { Column } from './columns';

/** What a sink needs of a column: FSMA's columns and any other sheet's (a recall's consignees). */
export type SheetColumn = Pick<Column, 'header' | 'type' | 'width'> & { key: string };

export type Cell = string | number | null;

export interface SheetSink {
  begin(columns: readonly SheetColumn[]): Promise<void>;
  row(cells: readonly Cell[]): Promise<void> | void;
  end(): Promise<void>;
  /** After a failure: stop writing and let go of the file (the caller removes it). */
  abort(): void;
}

/** The test double: keeps what it is given. */
export function memorySink(): SheetSink & { headers: string[]; rows: Cell[][]; ended: boolean } {
  const sink = {
    headers: [] as string[],
    rows: [] as Cell[][],
    ended: false,
    begin(columns: readonly SheetColumn[]) {
      sink.headers = columns.map((c) => c.header);
      return Promise.resolve();
    },
    row(cells: readonly Cell[]) {
      sink.rows.push([...cells]);
    },
    end() {
      sink.ended = true;
      return Promise.resolve();
    },
    abort() {},
  };
  return sink;
}
