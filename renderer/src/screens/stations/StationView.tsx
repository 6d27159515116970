// The station's current work beside the scan log: the receipt being drafted, the work order's BOM lines, the serial
// under test, the open case, the shipment being loaded — with the big buttons that stand in for control barcodes.
import type { ReactNode } from 'react';
import { Button, Group, Select, Stack, Text } from '@mantine/core';
import type { StationName } from '../../../../common/api/stations';
import { stationControls } from '../../../../common/api/stations';
import type { StationControl } from '../../../../common/api/stations';
import { useCommand } from '../../api/useCommand';
import { DataTable } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { RouteLink } from '../../components/RouteLink';
import { StatusBadge } from '../../components/StatusBadge';
import { UnitIdentity } from '../../components/UnitIdentity';
import { refCodeLabel } from '../../format/unitLabels';
import { RequirementTable } from '../production/WorkOrderScreen';
import type { StationState } from './stationStore';
import { sendScan, setContext } from './stationStore';
import classes from './StationScreen.module.css';

type Control = { control: StationControl; label: string; color?: string };

const controlsOf: Record<StationName, readonly Control[]> = {
  receiving: [
    { control: 'confirm', label: 'Confirm receipt', color: 'green' },
    { control: 'cancel', label: 'Clear draft', color: 'gray' },
  ],
  workOrder: [],
  serialise: [
    { control: 'nextSerial', label: 'Next serial' },
    { control: 'pass', label: 'Pass', color: 'green' },
    { control: 'fail', label: 'Fail', color: 'red' },
  ],
  pack: [
    { control: 'newCase', label: 'New case' },
    { control: 'closeCase', label: 'Close case', color: 'green' },
  ],
  ship: [{ control: 'newShipment', label: 'New shipment' }],
};

function Controls({ station }: { station: StationName }) {
  const controls = controlsOf[station];
  if (controls.length === 0) return null;
  return (
    <Group gap="sm" className={classes.controls}>
      {controls.map((c) => (
        <Button key={c.control} size="xl" color={c.color} onClick={() => void sendScan(station, stationControls[c.control])} data-testid={`control-${c.control}`}>
          {c.label}
        </Button>
      ))}
    </Group>
  );
}

function PartySelect({ label, command, value, onChange, testId }: { label: string; command: 'suppliers.list' | 'customers.list'; value: string | undefined; onChange: (code: string | undefined) => void; testId: string }) {
  const parties = useCommand(command, {});
  return (
    <Select
      size="lg"
      label={label}
      searchable
      data={(parties.data ?? []).map((p) => ({ value: p.code, label: `${p.code} — ${p.name}` }))}
      value={value ?? null}
      onChange={(code) => onChange(code ?? undefined)}
      data-testid={testId}
    />
  );
}

function ShipToSelect({ customer, value, onChange }: { customer: string | undefined; value: string | undefined; onChange: (code: string | undefined) => void }) {
  const locations = useCommand('locations.list', {});
  const mine = (locations.data ?? []).filter((l) => l.customer === customer);
  return (
    <Select
      size="lg"
      label="Ship to"
      disabled={!customer}
      data={mine.map((l) => ({ value: l.code, label: `${l.code} — ${l.name}` }))}
      value={value ?? null}
      onChange={(code) => onChange(code ?? undefined)}
      data-testid="station-ship-to"
    />
  );
}

function Lines({ rows, testId, empty }: { rows: readonly { ref: string; part: string; description: string; quantity: string; unit: string }[]; testId: string; empty: string }) {
  return (
    <DataTable
      rows={rows}
      rowKey={(r) => r.ref}
      testId={testId}
      emptyText={empty}
      maxHeight="40vh"
      columns={[
        { key: 'part', header: 'Part', width: 140, render: (r) => <Text fw={600}>{r.part}</Text> },
        { key: 'description', header: 'Description', render: (r) => r.description },
        { key: 'ref', header: 'Lot / serial', width: 170, render: (r) => <RouteLink to={{ screen: 'unit', ref: r.ref }}>{refCodeLabel(r.ref)}</RouteLink> },
        { key: 'quantity', header: 'Quantity', align: 'right', width: 120, render: (r) => `${r.quantity} ${r.unit}` },
      ]}
    />
  );
}

function Body({ station, state }: { station: StationName; state: StationState | undefined }): ReactNode {
  const context = (state?.context ?? {}) as Partial<Record<string, string>>;
  const view = state?.view ?? null;
  switch (station) {
    case 'receiving': {
      const lines = view?.station === 'receiving' ? view.lines : [];
      return (
        <Stack gap="sm">
          <PartySelect label="Supplier" command="suppliers.list" value={context.supplier} onChange={(supplier) => setContext('receiving', { supplier })} testId="station-supplier" />
          <DataTable
            rows={lines}
            rowKey={(l) => `${l.part}|${l.supplierLot}`}
            testId="receipt-lines"
            emptyText="No label scanned yet."
            columns={[
              { key: 'part', header: 'Part', width: 140, render: (l) => <Text fw={600}>{l.part}</Text> },
              { key: 'lot', header: 'Supplier lot', render: (l) => l.supplierLot },
              { key: 'expiry', header: 'Expiry', width: 120, render: (l) => l.expiry ?? '—' },
              { key: 'quantity', header: 'Quantity', align: 'right', width: 130, render: (l) => `${l.quantity} ${l.unit}` },
            ]}
          />
          {view?.station === 'receiving' && view.receipt ? (
            <Stack gap={4} data-testid="receipt-done">
              <Text fw={700}>
                Receipt {view.receipt.receipt} from {view.receipt.supplier}: {view.receipt.lots.length} lot{view.receipt.lots.length === 1 ? '' : 's'}
              </Text>
              {view.receipt.lots.map((lot) => (
                <RouteLink key={lot.ref} to={{ screen: 'unit', ref: lot.ref }}>
                  {lot.item} {refCodeLabel(lot.ref)} — {lot.quantity} {lot.unit}
                </RouteLink>
              ))}
            </Stack>
          ) : null}
        </Stack>
      );
    }
    case 'workOrder': {
      const wo = view?.station === 'workOrder' ? view.workOrder : null;
      if (!wo) return <Text c="dimmed">No work order selected.</Text>;
      return (
        <Stack gap="sm">
          <Text fw={700} fz={20}>
            <RouteLink to={{ screen: 'workOrder', number: wo.number }}>{wo.number}</RouteLink> — {wo.part} {wo.description}: {wo.quantity} {wo.unit}
          </Text>
          <RequirementTable lines={wo.requirements} />
        </Stack>
      );
    }
    case 'serialise': {
      if (view?.station !== 'serialise' || !view.workOrder) return <Text c="dimmed">No work order selected.</Text>;
      return (
        <Stack gap="sm">
          <Text fw={700} fz={20}>
            {view.workOrder.number} — {view.workOrder.part} {view.workOrder.description}: {view.workOrder.produced} of {view.workOrder.quantity} made
          </Text>
          {view.serial ? (
            <Group justify="space-between" align="flex-start" data-testid="station-serial">
              <UnitIdentity unit={view.serial} variant="compact" />
              <StatusBadge status={view.serial.status} />
            </Group>
          ) : null}
          {view.tests.map((t) => (
            <Text key={t.eventId} c={t.result === 'pass' ? 'green.8' : 'red.8'} fw={700}>
              Test {t.result === 'pass' ? 'passed' : 'failed'}
              {t.note ? `: ${t.note}` : ''}
            </Text>
          ))}
        </Stack>
      );
    }
    case 'pack': {
      const packed = view?.station === 'pack' ? view.case : null;
      if (!packed) return <Text c="dimmed">No case open.</Text>;
      return (
        <Stack gap="sm">
          <Text fw={700} fz={20} data-testid="station-case">
            Case (00){packed.sscc} — {packed.status === 'open' ? 'open' : 'closed'}
            {packed.shippedOn ? `, shipped on ${packed.shippedOn}` : ''}
          </Text>
          <Lines rows={packed.contents.map((c) => ({ ...c, part: c.item }))} testId="case-contents" empty="The case is empty." />
        </Stack>
      );
    }
    case 'ship': {
      const shipment = view?.station === 'ship' ? view.shipment : null;
      return (
        <Stack gap="sm">
          {!context.shipment ? (
            <Group grow>
              <PartySelect label="Customer" command="customers.list" value={context.customer} onChange={(customer) => setContext('ship', { customer, shipTo: undefined })} testId="station-customer" />
              <ShipToSelect customer={context.customer} value={context.shipTo} onChange={(shipTo) => setContext('ship', { shipTo })} />
            </Group>
          ) : null}
          {shipment ? (
            <>
              <Text fw={700} fz={20}>
                <RouteLink to={{ screen: 'shipment', number: shipment.number }}>{shipment.number}</RouteLink> to {shipment.customerName} — {shipment.shipToName}
              </Text>
              <Lines rows={shipment.lines} testId="shipment-lines" empty="Nothing on this shipment yet." />
            </>
          ) : null}
        </Stack>
      );
    }
  }
}

export function StationView({ station, state }: { station: StationName; state: StationState | undefined }) {
  return (
    <Panel title="At this station" testId="station-view">
      <Stack gap="md">
        <Controls station={station} />
        <Body station={station} state={state} />
      </Stack>
    </Panel>
  );
}
