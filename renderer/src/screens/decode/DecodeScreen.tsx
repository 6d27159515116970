// Decode barcode: what a scan means, field by field — each AI with its value and what it says, the reason when the
// data is not valid GS1, its canonical forms, and the lot or serial it names in Lotline.
import { useMemo, useState } from 'react';
import { Button, Grid, Group, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { ArrowLeft, ArrowRight, Eraser } from 'lucide-react';
import type { SearchHit } from '../../../../common/api/system';
import type { TraceIdentity } from '../../../../common/gs1';
import { navigate } from '../../app/navigation';
import type { Route } from '../../app/routes';
import { useCommand } from '../../api/useCommand';
import { DataTable } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { ResultBanner } from '../../components/ResultBanner';
import { RouteButton, RouteLink } from '../../components/RouteLink';
import { ScanInput } from '../../components/ScanInput';
import { Screen } from '../../components/Screen';
import { useScanTarget } from '../../frame/scanTarget';
import type { DecodedField, DecodedScan } from '../../format/gs1Fields';
import { decodeScan, identityLabel } from '../../format/gs1Fields';
import { CopyableCode } from './CopyableCode';

type DecodeRoute = Extract<Route, { screen: 'decode' }>;

function FieldsTable({ fields }: { fields: readonly DecodedField[] }) {
  return (
    <DataTable
      rows={fields}
      rowKey={(f) => f.ai}
      testId="decode-fields"
      maxHeight="none"
      columns={[
        {
          key: 'ai',
          header: 'AI',
          width: 70,
          render: (f) => (
            <Text ff="monospace" fw={700} size="md">
              ({f.ai})
            </Text>
          ),
        },
        {
          key: 'name',
          header: 'Field',
          wrap: true,
          render: (f) => (
            <div>
              <Text size="md" fw={600}>
                {f.name}
              </Text>
              {f.name !== f.title ? (
                <Text size="xs" c="dimmed">
                  {f.title}
                </Text>
              ) : null}
            </div>
          ),
        },
        {
          key: 'value',
          header: 'Value',
          width: '26%',
          wrap: true,
          render: (f) => (
            <Text ff="monospace" size="md" fw={600} style={{ wordBreak: 'break-all' }}>
              {f.value}
            </Text>
          ),
        },
        {
          key: 'meaning',
          header: 'Meaning',
          width: '30%',
          wrap: true,
          render: (f) =>
            f.meaning.length ? (
              f.meaning.map((m) => (
                <Text size="md" key={m}>
                  {m}
                </Text>
              ))
            ) : (
              <Text c="dimmed">—</Text>
            ),
        },
      ]}
    />
  );
}

function CanonicalForms({ decoded }: { decoded: DecodedScan }) {
  const { elementString, bracketed, digitalLink, epcUrn } = decoded.canonical;
  const rows = [
    { label: 'Element string', note: '↔ marks an FNC1 separator (GS); Copy copies the real GS.', value: elementString, testId: 'canonical-element-string' },
    { label: 'Bracketed text', note: 'As printed under the barcode.', value: bracketed, testId: 'canonical-bracketed' },
    {
      label: 'GS1 Digital Link',
      note: digitalLink.ok ? 'For a GS1 QR Code or a web link.' : digitalLink.error,
      value: digitalLink.ok ? digitalLink.value : null,
      testId: 'canonical-digital-link',
    },
    {
      label: 'EPC URN',
      note: epcUrn.ok ? 'As EPCIS names it, assuming a 7-digit GS1 Company Prefix.' : epcUrn.error,
      value: epcUrn.ok ? epcUrn.value : null,
      testId: 'canonical-epc-urn',
    },
  ];
  return (
    <Stack gap="sm" component="dl" m={0}>
      {rows.map((row) => (
        <div key={row.label}>
          <Text component="dt" size="xs" fw={700} c="dimmed" tt="uppercase" lts={0.3}>
            {row.label}
          </Text>
          <dd style={{ margin: 0 }}>
            {row.value !== null ? <CopyableCode value={row.value} label={row.label} testId={row.testId} /> : null}
            <Text size="xs" c="dimmed">
              {row.note}
            </Text>
          </dd>
        </div>
      ))}
    </Stack>
  );
}

function unitHits(hits: readonly SearchHit[] | undefined): SearchHit[] {
  return (hits ?? []).filter((h) => h.type === 'lot' || h.type === 'serial');
}

/** The lot or serial the scan names, as Lotline knows it. */
function InLotline({ data, identity }: { data: string; identity: TraceIdentity | undefined }) {
  const names = identity?.gtin !== undefined && (identity.lot !== undefined || identity.serial !== undefined);
  const lookup = useCommand('search.query', names ? { q: data } : null);
  if (!identity) return <Text size="md">This barcode names no trade item (GTIN) or logistic unit (SSCC), so it names no lot or serial.</Text>;
  if (!names) {
    return (
      <Text size="md">
        {identity.sscc !== undefined
          ? `SSCC ${identity.sscc} names a logistic unit (a case or pallet), not a lot or serial.`
          : `GTIN ${identity.gtin ?? ''} names an item, but no lot (AI 10) or serial (AI 21).`}
      </Text>
    );
  }
  if (lookup.status === 'loading') return <Text c="dimmed">Looking it up…</Text>;
  if (lookup.status === 'error') return <Text c="red.8">{lookup.error.message}</Text>;
  const hits = unitHits(lookup.data);
  if (hits.length === 0) {
    return (
      <Text size="md" data-testid="decode-unit-missing">
        No lot or serial in Lotline matches {identityLabel(identity)}. Check that the item with this GTIN is set up, or
        that the lot was received.
      </Text>
    );
  }
  return (
    <Stack gap="sm" data-testid="decode-unit">
      {hits.map((hit) => (
        <Group key={hit.key} justify="space-between" wrap="wrap" gap="sm">
          <div>
            <RouteLink to={{ screen: 'unit', ref: hit.key }} fw={700} size="lg" data-testid="decode-unit-link">
              {hit.label}
            </RouteLink>
            <Text size="sm" c="dimmed">
              {hit.detail}
            </Text>
          </div>
          <Group gap="xs">
            <RouteButton size="md" variant="default" leftSection={<ArrowLeft size={18} />} to={{ screen: 'trace', ref: hit.key, direction: 'backward' }}>
              Trace backward
            </RouteButton>
            <RouteButton size="md" variant="default" rightSection={<ArrowRight size={18} />} to={{ screen: 'trace', ref: hit.key, direction: 'forward' }}>
              Trace forward
            </RouteButton>
          </Group>
        </Group>
      ))}
    </Stack>
  );
}

export function DecodeScreen({ route }: { route: DecodeRoute }) {
  const [text, setText] = useState(route.data ?? '');
  const [settled] = useDebouncedValue(text.trim(), 150);
  const decoded = useMemo(() => (settled ? decodeScan(settled) : null), [settled]);
  const typing = text.trim() !== settled;

  // A scan made anywhere on this screen is the barcode to decode.
  useScanTarget((scanned) => setText(scanned));

  const keepInAddress = (data: string) => navigate(data ? { screen: 'decode', data } : { screen: 'decode' }, { replace: true });

  return (
    <Screen name="decode" title="Decode barcode" subtitle="Scan or paste any GS1 barcode to see what it says, field by field" ready={!typing}>
      <Panel title="Scan">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            keepInAddress(text.trim());
          }}
        >
          <Group align="flex-end" gap="sm" wrap="nowrap">
            <ScanInput
              style={{ flex: 1 }}
              size="lg"
              label="GS1 data"
              description="A scan (GS1 DataMatrix, GS1-128, QR, DataBar), bracketed text like (01)…(10)…, a GS1 Digital Link or an EPC URN"
              placeholder="(01)09506000134352(17)270531(10)26-117"
              value={text}
              onChange={setText}
              autoFocus
              data-testid="decode-input"
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            />
            <Button
              size="lg"
              variant="default"
              leftSection={<Eraser size={18} />}
              onClick={() => {
                setText('');
                keepInAddress('');
              }}
              disabled={!text}
            >
              Clear
            </Button>
          </Group>
        </form>
      </Panel>

      {decoded && !decoded.ok ? (
        <ResultBanner tone="refused" title="Not valid GS1 data">
          <Text inherit data-testid="decode-error">
            {decoded.error}
          </Text>
          <Text inherit size="sm" mt={4}>
            Scan the barcode again, or check that the scanner sends GS1 separators (GS, Alt+029 or &lt;GS&gt;) and keeps
            the AIM prefix (]d2, ]C1, ]Q3) at the start.
          </Text>
        </ResultBanner>
      ) : null}

      {decoded?.ok ? (
        <>
          <ResultBanner tone="accepted" title={`Valid GS1 data: ${decoded.symbologyLabel ?? decoded.formLabel}`}>
            <Text inherit data-testid="decode-identity">
              {decoded.identity ? identityLabel(decoded.identity) : `${decoded.fields.length} field${decoded.fields.length === 1 ? '' : 's'}, no lot or serial`}
            </Text>
          </ResultBanner>
          <Grid gap="md">
            <Grid.Col span={{ base: 12, lg: 7 }}>
              <Panel title={`Fields (${decoded.fields.length})`}>
                <FieldsTable fields={decoded.fields} />
              </Panel>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 5 }}>
              <Stack gap="md">
                <Panel title="In Lotline" testId="decode-in-lotline">
                  <InLotline key={settled} data={settled} identity={decoded.identity} />
                </Panel>
                <Panel title="The same data in every GS1 form">
                  <CanonicalForms decoded={decoded} />
                </Panel>
              </Stack>
            </Grid.Col>
          </Grid>
        </>
      ) : null}

      {!decoded && !typing ? (
        <ResultBanner compact tone="info" title="Waiting for a scan: scan anywhere on this screen, or type or paste into the field." />
      ) : null}
    </Screen>
  );
}
