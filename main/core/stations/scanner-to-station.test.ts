// A serial scanner on a socat pty feeding the scan pipeline, whose scans go to stations.scan the way a station
// screen sends them: the frames end as consumptions stored in the database, a refusal as a refusal, and a
// repeated read inside the duplicate window never reaches the station.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StationScanResult } from '../../../common/api/stations';
import { GS } from '../../../common/gs1';
import { tempApi } from '../../api/test-plant';
import type { TestApi } from '../../api/test-plant';
import { ScanPipeline } from '../../devices/scanners/scan-pipeline';
import { SerialScanner } from '../../devices/scanners/serial-scanner';
import { ptyPair, scannerEnd, until } from '../../devices/scanners/socat.test-support';
import type { ScanEvent } from '../../devices/scanners/types';
import { GTIN, stationPlant } from '../../api/station-test-plant';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('scanner → pipeline → stations.scan', () => {
  it('stores what a serial scanner scans at the work-order station', async () => {
    const t: TestApi = tempApi();
    cleanups.push(() => t.close());
    await stationPlant(t);
    await t.call('receiving.receive', { supplier: 'SUP', lines: [{ part: 'POLY', supplierLot: 'S-1', quantity: 20 }, { part: 'LID', supplierLot: 'S-2', quantity: 100 }, { part: 'INK', supplierLot: 'S-3', quantity: 100 }] });
    for (const ref of ['POLY:PL001', 'LID:LD001', 'INK:IK001']) await t.call('units.setStatus', { ref, status: 'released', reason: 'incoming inspection passed' });
    await t.call('workOrders.create', { number: 'WO-1', part: 'VALVE', quantity: 2 });

    const dir = mkdtempSync(join(tmpdir(), 'lotline-station-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const pty = await ptyPair(join(dir, 'scanner'), join(dir, 'host'));
    cleanups.push(() => pty.close());
    const scanner = new SerialScanner({ path: pty.scanner, suffix: 'cr' });
    const pipeline = new ScanPipeline({ duplicateWindowMs: 60_000 });
    pipeline.attach(scanner);

    // The station screen: holds the context and sends every scan the pipeline lets through, in order.
    let context: Record<string, unknown> = {};
    const results: StationScanResult[] = [];
    const duplicates: ScanEvent[] = [];
    let chain = Promise.resolve();
    pipeline.subscribe((event) => {
      if (event.type === 'duplicate') duplicates.push(event);
      if (event.type !== 'scan') return;
      chain = chain.then(async () => {
        const result = await t.call('stations.scan', { station: 'workOrder', context, code: event.scan.raw });
        if (result.outcome === 'applied') context = result.context;
        results.push(result);
      });
    });
    await scanner.start();
    cleanups.push(() => scanner.stop());
    const host = await scannerEnd(pty.host);
    cleanups.push(() => host.close());

    // A GS1 DataMatrix with an AIM id and a GS after the variable-length lot, split across writes.
    const polyLabel = `]d201${GTIN.poly}10PL001${GS}3102000100\r`;
    await host.send('WO:WO-1\r');
    await host.send(polyLabel.slice(0, 12));
    await host.send(polyLabel.slice(12));
    await host.send(polyLabel); // the same label again: a duplicate, never applied twice
    await host.send(`(01)${GTIN.ink}(10)IK001\r`);
    await host.send('LID:LD001\r');
    await until(() => results.length >= 4 && duplicates.length >= 1, '4 station results and 1 duplicate');
    await chain;

    expect(results.map((r) => (r.outcome === 'applied' ? `applied: ${r.message}` : `refused: ${r.reason}`))).toEqual([
      'applied: Work order WO-1: 2 ea of VALVE. Still required: POLY 1 kg, LID 4 ea. Scan component lots.',
      'applied: Consumed 1 kg of Lot PL001 of POLY into WO-1. Still required: POLY 0 kg, LID 4 ea.',
      'refused: GTIN 09506000134383 (INK) is not on the BOM of work order WO-1 (VALVE version 1). Scan a listed component, or give a substitution reason.',
      'applied: Consumed 4 ea of Lot LD001 of LID into WO-1. Still required: POLY 0 kg, LID 0 ea.',
    ]);
    const wo = await t.call('workOrders.get', { workOrder: 'WO-1' });
    expect(wo.consumed.map((c) => [c.ref, c.quantity])).toEqual([
      ['POLY:PL001', '1'],
      ['LID:LD001', '4'],
    ]);
    expect((await t.call('audit.verify', {})).ok).toBe(true);
  });
});
