import { describe, expect, it } from 'vitest';
import { traceCsv, traceCsvFileName } from './traceCsv';
import { traceRows } from './traceRows';
import { forwardTrace } from './traceFixture';

describe('trace rows and CSV', () => {
  it('has one row per unit, shipment line and customer', () => {
    const trace = forwardTrace(6);
    const rows = traceRows(trace);
    expect(rows).toHaveLength(8 + 6 + 2);
    expect(rows[0]).toMatchObject({ type: 'lot', depth: 0, part: 'RES-PC', code: 'R1' });
    expect(rows.find((r) => r.ref === 'PUMP-PX2#PX-0' && r.type === 'serial')).toMatchObject({ depth: 2, document: 'WO-2' });
    expect(rows.find((r) => r.type === 'shipment' && r.ref === 'PUMP-PX2#PX-0')).toMatchObject({ depth: 3, document: 'SH-0' });
  });

  it('writes RFC 4180 CSV with a BOM, quoting and formula guards', () => {
    const rows = traceRows(forwardTrace(1));
    rows[0]!.description = 'Resin, "medical" grade';
    rows[1]!.description = '=HYPERLINK("x")';
    const csv = traceCsv(rows);
    expect(csv.startsWith('\uFEFFtype,depth,part,')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + rows.length);
    expect(lines[1]).toContain('"Resin, ""medical"" grade"');
    expect(lines[2]).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('names the file after the trace', () => {
    expect(traceCsvFileName('forward', 'PUMP-PX2#PX-000129')).toBe('trace-forward-PUMP-PX2_PX-000129.csv');
  });
});
