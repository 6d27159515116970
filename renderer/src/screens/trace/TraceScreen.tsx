// The trace explorer: backward flows left of the focal unit, forward flows right down to shipments and customers.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { Button, Group, SegmentedControl, Text } from '@mantine/core';
import { ArrowLeft, ArrowRight, Download, Network, Table2 } from 'lucide-react';
import type { TraceResult } from '../../../../common/domain';
import { parseUnitIdentity } from '../../../../common/refs';
import type { Route } from '../../app/routes';
import { navigate } from '../../app/navigation';
import { useCommand } from '../../api/useCommand';
import { Panel } from '../../components/Panel';
import { ResultBanner } from '../../components/ResultBanner';
import { ScanInput } from '../../components/ScanInput';
import { Screen } from '../../components/Screen';
import { useScanTarget } from '../../frame/scanTarget';
import { refCodeLabel, unitCodeLabel } from '../../format/unitLabels';
import { buildTraceGraph, memberNodeIds } from './traceGraph';
import { downloadCsv, traceCsv, traceCsvFileName } from './traceCsv';
import { TraceGraphView } from './TraceGraphView';
import { TraceNodeDetails } from './TraceNodeDetails';
import { traceRows } from './traceRows';
import { wholeTrace } from './wholeTrace';
import { TraceTable } from './TraceTable';
import { useTraceView } from './traceView';
import classes from './TraceScreen.module.css';

type TraceRoute = Extract<Route, { screen: 'trace' }>;

const MAX_DEPTH = 1000;

/** A segmented-control label: an icon beside a word. */
function IconLabel({ icon, text, iconAfter = false }: { icon: ReactNode; text: string; iconAfter?: boolean }) {
  return (
    <Group gap={4} wrap="nowrap">
      {!iconAfter && icon}
      {text}
      {iconAfter && icon}
    </Group>
  );
}

function DirectionToggle({ route }: { route: TraceRoute }) {
  return (
    <SegmentedControl
      value={route.direction}
      onChange={(value) => navigate({ ...route, direction: value }, { replace: true })}
      data={[
        {
          value: 'backward',
          label: <IconLabel icon={<ArrowLeft size={16} aria-hidden />} text="Backward" />,
        },
        {
          value: 'forward',
          label: <IconLabel icon={<ArrowRight size={16} aria-hidden />} text="Forward" iconAfter />,
        },
      ]}
      aria-label="Trace direction"
      data-testid="trace-direction"
    />
  );
}

/** Asks which lot or serial to trace when none is chosen yet. */
function ChooseUnit({ route }: { route: TraceRoute }) {
  const [text, setText] = useState('');
  const parsed = text.trim() ? parseUnitIdentity(text) : null;
  const problem = typeof parsed === 'string' ? parsed : null;
  // A scan made anywhere on this screen is the lot or serial to trace.
  useScanTarget((scanned) => {
    setText(scanned);
    if (typeof parseUnitIdentity(scanned) !== 'string') navigate({ ...route, ref: scanned.trim() });
  });
  return (
    <Screen
      name="trace"
      title="Trace"
      subtitle="Where a lot or serial came from, and where it went"
      ready
      actions={<DirectionToggle route={route} />}
    >
      <Panel title="Trace a lot or serial">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (parsed && typeof parsed !== 'string') navigate({ ...route, ref: text.trim() });
          }}
        >
          <Group align="flex-start">
            <ScanInput
              w={520}
              size="md"
              label="Lot or serial"
              description="PART:LOT for a lot, PART#SERIAL for a serial, or scan or paste its GS1 barcode"
              placeholder="PUMP-2#PX-000231"
              value={text}
              onChange={setText}
              error={problem}
              data-autofocus
              autoFocus
              data-testid="trace-ref"
            />
            <Button type="submit" size="md" mt={47} disabled={!parsed || problem !== null}>
              Trace {route.direction}
            </Button>
          </Group>
        </form>
      </Panel>
    </Screen>
  );
}

function TraceSummary({ trace }: { trace: TraceResult }) {
  const units = trace.total.nodes - 1;
  const shipments = trace.total.shipments;
  return (
    <span data-testid="trace-summary">
      {trace.root.item} — {trace.root.description} · <b>{unitCodeLabel(trace.root)}</b> · {units.toLocaleString()}{' '}
      {trace.direction === 'forward' ? 'downstream' : 'upstream'} unit{units === 1 ? '' : 's'}
      {trace.direction === 'forward'
        ? ` · ${shipments.toLocaleString()} shipment${shipments === 1 ? '' : 's'} · ${trace.customers.length} customer${trace.customers.length === 1 ? '' : 's'}`
        : ''}
    </span>
  );
}

function TracedUnit({ route }: { route: TraceRoute & { ref: string } }) {
  const [depth, setDepth] = useState<number | undefined>(undefined);
  const input = depth === undefined ? { ref: route.ref } : { ref: route.ref, depth };
  const trace = useCommand(route.direction === 'forward' ? 'trace.forward' : 'trace.backward', input);
  const tab = useTraceView((state) => state.tab);
  const selectedId = useTraceView((state) => state.selectedId);
  const expanded = useTraceView((state) => state.expanded);
  const focusIds = useTraceView((state) => state.focusIds);
  const { showTrace, setTab, select, expand, collapseAll } = useTraceView.getState();
  const [drawn, setDrawn] = useState(false);
  const onDrawn = useCallback((ready: boolean) => setDrawn(ready), []);
  const [exporting, setExporting] = useState<{ units: number; total: number } | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);

  useEffect(() => showTrace(`${route.direction}|${route.ref}`), [showTrace, route.direction, route.ref]);

  const data = trace.data;
  const graph = useMemo(() => (data ? buildTraceGraph(data, { expanded }) : null), [data, expanded]);
  const rows = useMemo(() => (data ? traceRows(data) : []), [data]);
  const selected = graph?.nodes.find((n) => n.id === selectedId) ?? null;
  const ready = trace.status === 'ready' && (tab === 'table' || drawn);
  const partial = data !== undefined && data.nodes.length < data.total.nodes;

  const exportCsv = async (first: TraceResult) => {
    setExportError(null);
    setExporting({ units: 0, total: first.total.nodes });
    try {
      const whole = await wholeTrace(first, (units, total) => setExporting({ units, total }));
      downloadCsv(traceCsvFileName(route.direction, route.ref), traceCsv(traceRows(whole)));
    } catch (error) {
      setExportError(error instanceof Error ? error.message : String(error));
    } finally {
      setExporting(null);
    }
  };

  return (
    <Screen
      name="trace"
      fill
      title={`Trace ${route.direction}`}
      subtitle={data ? <TraceSummary trace={data} /> : refCodeLabel(route.ref)}
      ready={ready}
      error={trace.error}
      actions={
        <>
          <DirectionToggle route={route} />
          <SegmentedControl
            value={tab}
            onChange={(value) => setTab(value)}
            data={[
              {
                value: 'graph',
                label: <IconLabel icon={<Network size={16} aria-hidden />} text="Graph" />,
              },
              {
                value: 'table',
                label: <IconLabel icon={<Table2 size={16} aria-hidden />} text="Table" />,
              },
            ]}
            aria-label="Show as"
            data-testid="trace-tab"
          />
          <Button
            variant="default"
            leftSection={<Download size={16} />}
            disabled={!data || exporting !== null}
            onClick={() => data && void exportCsv(data)}
            data-testid="export-csv"
          >
            {exporting ? `Exporting… ${Math.floor((exporting.units / Math.max(1, exporting.total)) * 100)}%` : 'Export CSV'}
          </Button>
        </>
      }
    >
      {data?.truncated ? (
        <ResultBanner tone="attention" title={`This trace stops at level ${data.depthLimit}: there is more beyond it`}>
          <Group gap="sm" mt={4}>
            <Text inherit>Units past that level are not shown, in the graph, the table or the CSV.</Text>
            {data.depthLimit < MAX_DEPTH ? (
              <Button
                size="xs"
                variant="white"
                color="dark"
                onClick={() => setDepth(Math.min(data.depthLimit * 2, MAX_DEPTH))}
                data-testid="trace-deeper"
              >
                Trace to level {Math.min(data.depthLimit * 2, MAX_DEPTH)}
              </Button>
            ) : null}
          </Group>
        </ResultBanner>
      ) : null}
      {exportError ? (
        <ResultBanner tone="refused" title="The CSV could not be written" onClose={() => setExportError(null)}>
          <Text inherit>{exportError}</Text>
        </ResultBanner>
      ) : null}
      {partial && data ? (
        <ResultBanner
          compact
          tone="info"
          title={`Wide trace: ${data.total.nodes.toLocaleString()} units. Shown here: the first ${data.nodes.length.toLocaleString()}, level by level.`}
        >
          <Text inherit>
            {data.items
              .slice(0, 6)
              .map((i) => `level ${i.depth}: ${i.units.toLocaleString()} × ${i.item}`)
              .join(' · ')}
            {data.items.length > 6 ? ' · …' : ''}. Export CSV writes every row.
          </Text>
        </ResultBanner>
      ) : null}
      {graph?.aggregated && tab === 'graph' ? (
        <ResultBanner
          compact
          tone="info"
          title={`Large trace (${data?.nodes.length.toLocaleString()} units): look-alike units are grouped per level.`}
        >
          <Group gap="sm">
            <Text inherit>
              Click a group to list its units or show them one by one. {partial ? 'Export CSV writes every row.' : 'The table has every row.'}
            </Text>
            {expanded.size > 0 ? (
              <Button size="xs" variant="default" onClick={collapseAll}>
                Group again
              </Button>
            ) : null}
          </Group>
        </ResultBanner>
      ) : null}
      {graph && data ? (
        tab === 'graph' ? (
          <div className={classes.explorer}>
            <TraceGraphView graph={graph} focusIds={focusIds} onSelect={select} onReady={onDrawn} />
            {selected ? (
              <TraceNodeDetails
                node={selected}
                direction={route.direction}
                onClose={() => select(null)}
                onExpand={(node) => expand(node.id, memberNodeIds(node))}
              />
            ) : null}
          </div>
        ) : (
          <div className={classes.table}>
            <TraceTable rows={rows} />
          </div>
        )
      ) : null}
    </Screen>
  );
}

export function TraceScreen({ route }: { route: TraceRoute }) {
  return route.ref ? <TracedUnit route={{ ...route, ref: route.ref }} /> : <ChooseUnit route={route} />;
}
