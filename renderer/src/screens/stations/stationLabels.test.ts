import { describe, expect, it } from 'vitest';
import type { PackedCase, StationScanResult } from '../../../../common/api/stations';
import type { UnitSummary } from '../../../../common/domain';
import { labelForScan } from './stationLabels';

type Applied = Extract<StationScanResult, { outcome: 'applied' }>;

const serial = { ref: 'PUMP-PX2#PX-000232', serial: 'PX-000232' } as UnitSummary;
const serialised = (context: Applied['context'], changed = true): Applied => ({
  outcome: 'applied',
  station: 'serialise',
  message: '',
  changed,
  eventId: changed ? 9 : null,
  context,
  view: { station: 'serialise', workOrder: null, serial, tests: [] },
});
const packed = (status: PackedCase['status'], changed = true): Applied => ({
  outcome: 'applied',
  station: 'pack',
  message: '',
  changed,
  eventId: 3,
  context: { case: '095060001000000012' },
  view: { station: 'pack', case: { sscc: '095060001000000012', status, openedAt: '', closedAt: null, shippedOn: null, contents: [] } },
});

describe('labelForScan', () => {
  it('prints the udi label of a serial just assigned, not of one tested or selected', () => {
    expect(
      labelForScan('serialise', { workOrder: 'WO-1', serial: 'PUMP-PX2#PX-000231' }, serialised({ workOrder: 'WO-1', serial: serial.ref })),
    ).toEqual({
      template: 'udi',
      ref: 'PUMP-PX2#PX-000232',
      what: 'S/N PX-000232',
    });
    expect(labelForScan('serialise', { workOrder: 'WO-1' }, serialised({ workOrder: 'WO-1', serial: serial.ref }))).toMatchObject({
      template: 'udi',
    });
    // PASS or FAIL on the serial in hand.
    expect(
      labelForScan('serialise', { workOrder: 'WO-1', serial: serial.ref }, serialised({ workOrder: 'WO-1', serial: serial.ref })),
    ).toBeNull();
    // An existing serial scanned (selected) changes nothing.
    expect(labelForScan('serialise', { workOrder: 'WO-1' }, serialised({ workOrder: 'WO-1', serial: serial.ref }, false))).toBeNull();
  });

  it('prints the sscc label of a case just closed', () => {
    expect(labelForScan('pack', { case: '095060001000000012' }, packed('closed'))).toEqual({
      template: 'sscc',
      ref: '095060001000000012',
      what: 'case (00)095060001000000012',
    });
    expect(labelForScan('pack', {}, packed('open'))).toBeNull();
    expect(labelForScan('pack', { case: '095060001000000012' }, packed('closed', false))).toBeNull();
    expect(labelForScan('ship', {}, packed('closed'))).toBeNull();
  });
});
