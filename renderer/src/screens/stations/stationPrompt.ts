// What the operator should scan next, in one line: the station's current step, read from its context and view.
import type { StationContext, StationName, StationView } from '../../../../common/api/stations';

export const stationTitles: Record<StationName, string> = {
  receiving: 'Receiving',
  workOrder: 'Work order',
  serialise: 'Serialise & test',
  pack: 'Packing',
  ship: 'Shipping',
};

export function stationPrompt(station: StationName, context: StationContext | undefined, view: StationView | null): string {
  const c: Partial<Record<string, unknown>> = context ?? {};
  const text = (key: string): string | undefined => {
    const value = c[key];
    return typeof value === 'string' ? value : undefined;
  };
  const workOrder = text('workOrder');
  switch (station) {
    case 'receiving': {
      const lines = Array.isArray(c.lines) ? c.lines.length : 0;
      if (lines === 0) return 'Scan the supplier’s GS1 label on each container';
      return text('supplier') ? `${lines} line${lines === 1 ? '' : 's'} scanned — scan the next label, or Confirm receipt` : 'Choose the supplier, then Confirm receipt';
    }
    case 'workOrder': {
      if (!workOrder) return 'Scan the work order (WO:…)';
      const remaining = view?.station === 'workOrder' ? (view.workOrder?.requirements.filter((l) => Number(l.remaining) > 0).length ?? 0) : 0;
      return remaining > 0 ? `Scan component lots for ${workOrder} — ${remaining} BOM line${remaining === 1 ? '' : 's'} still required` : `${workOrder}: every BOM line is consumed`;
    }
    case 'serialise':
      if (!workOrder) return 'Scan the work order (WO:…)';
      if (!text('serial')) return `Next serial for ${workOrder}: press Next serial, or scan a pre-printed serial label`;
      return `Serial ${text('serial')}: record the test — Pass or Fail`;
    case 'pack':
      if (!text('case')) return 'Press New case (an SSCC is assigned), or scan an open case';
      return `Case ${text('case')}: scan serials and lots into it, then Close case`;
    case 'ship':
      if (!text('shipment')) return 'Scan the shipment (SH:…), or choose the customer and start a new shipment';
      return `Shipment ${text('shipment')}: scan cases, lots and serials onto it`;
  }
}
