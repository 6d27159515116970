// The review queue (UX.md "Review queue and record view"): finished lots and devices awaiting QA's decision, oldest
// first, each with its exception counts by kind; a record with none can be approved here, the rest are opened.
import { useMemo, useState } from 'react';
import { Button, Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { ClipboardCheck, FileText } from 'lucide-react';
import type { ReviewEntry } from '../../../../common/api/review';
import type { Route } from '../../app/routes';
import { useNavigation } from '../../app/navigation';
import { useCommand } from '../../api/useCommand';
import { DataTable } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { ResultBanner } from '../../components/ResultBanner';
import { RouteButton, RouteLink } from '../../components/RouteLink';
import { Screen } from '../../components/Screen';
import { StatusBadge } from '../../components/StatusBadge';
import { Time } from '../../components/Time';
import { ApproveDialog } from './ApproveDialog';
import { ExceptionCounts } from './ExceptionList';

type Show = 'all' | 'exceptions' | 'clean';

/** The oldest this many are listed; the screen says so when there are more (an item filter narrows the list). */
const LISTED = 200;

export function ReviewQueueScreen({ route }: { route: Extract<Route, { screen: 'review' }> }) {
  const queue = useCommand('review.queue', { limit: LISTED, ...(route.item ? { item: route.item } : {}) });
  const navigate = useNavigation((s) => s.navigate);
  const [show, setShow] = useState<Show>('all');
  const [approving, setApproving] = useState<ReviewEntry | null>(null);
  const [approved, setApproved] = useState<ReviewEntry | null>(null);
  const entries = useMemo(() => queue.data ?? [], [queue.data]);
  const rows = useMemo(
    () => entries.filter((e) => show === 'all' || (show === 'clean' ? e.exceptions.length === 0 : e.exceptions.length > 0)),
    [entries, show],
  );
  const items = [...new Set(entries.map((e) => e.part))].sort();
  const clean = entries.filter((e) => e.exceptions.length === 0).length;
  const more = entries.length >= LISTED;

  return (
    <Screen
      name="review"
      title="Review queue"
      subtitle={queue.data ? `${entries.length}${more ? '+' : ''} awaiting a decision · ${clean} without exceptions` : undefined}
      ready={queue.status === 'ready'}
      error={queue.error}
    >
      <ApproveDialog
        entry={approving}
        onCancel={() => setApproving(null)}
        onDone={(entry) => {
          setApproving(null);
          setApproved(entry);
        }}
      />
      <Stack gap="md">
        {approved ? (
          <ResultBanner tone="accepted" title={`${approved.ref}: record ${approved.record.id} approved`} onClose={() => setApproved(null)}>
            Your signature is on the record. Release or reject the {approved.kind} from its record to decide its status.
          </ResultBanner>
        ) : null}
        <Panel
          title="Awaiting review"
          testId="review-queue"
          actions={
            <Group gap="sm">
              <Select
                aria-label="Item"
                placeholder="Every item"
                data={items.length > 0 || !route.item ? items : [route.item]}
                value={route.item ?? null}
                onChange={(item) => navigate({ screen: 'review', ...(item ? { item } : {}) })}
                clearable
                w={170}
                data-testid="review-item"
                comboboxProps={{ withinPortal: true }}
              />
              <SegmentedControl
                value={show}
                onChange={(v) => setShow(v)}
                data={[
                  { value: 'all', label: 'All' },
                  { value: 'exceptions', label: 'With exceptions' },
                  { value: 'clean', label: 'Without' },
                ]}
                data-testid="review-show"
              />
            </Group>
          }
        >
          {more ? (
            <Text size="sm" c="dimmed" mb="xs" data-testid="review-more">
              The oldest {LISTED} are listed; more await review. Choose an item to see all of its records.
            </Text>
          ) : null}
          {queue.status === 'ready' && entries.length === 0 ? (
            <Stack gap={4} data-testid="review-empty">
              <Text fw={600}>Nothing awaits review.</Text>
              <Text size="sm" c="dimmed">
                Every finished lot and device has a decision. New ones appear here when production makes them (they start in quarantine).
              </Text>
            </Stack>
          ) : (
            <DataTable
              rows={rows}
              rowKey={(e) => e.ref}
              emptyText={show === 'clean' ? 'Every record here has exceptions: open one to review it.' : 'No record here has exceptions.'}
              columns={[
                {
                  key: 'ref',
                  header: 'Lot / serial',
                  width: 210,
                  render: (e) => (
                    <RouteLink to={{ screen: 'record', ref: e.ref }} data-testid="review-open">
                      {e.ref}
                    </RouteLink>
                  ),
                },
                { key: 'item', header: 'Item', wrap: true, render: (e) => e.description },
                { key: 'status', header: 'Status', width: 130, render: (e) => <StatusBadge status={e.status} size="sm" /> },
                { key: 'made', header: 'Made', width: 180, render: (e) => <Time iso={e.producedAt} /> },
                { key: 'exceptions', header: 'Exceptions', wrap: true, render: (e) => <ExceptionCounts counts={e.counts} /> },
                { key: 'review', header: 'Review', width: 130, render: (e) => (e.review ? `${e.review.meaning} by ${e.review.username}` : '—') },
                {
                  key: 'act',
                  header: '',
                  width: 230,
                  render: (e) => (
                    <Group gap={6} wrap="nowrap">
                      <RouteButton to={{ screen: 'record', ref: e.ref }} size="xs" variant="default" leftSection={<FileText size={14} />}>
                        Open
                      </RouteButton>
                      {e.exceptions.length === 0 && !e.review ? (
                        <Button size="xs" leftSection={<ClipboardCheck size={14} />} onClick={() => setApproving(e)} data-testid="review-approve">
                          Approve
                        </Button>
                      ) : null}
                    </Group>
                  ),
                },
              ]}
            />
          )}
        </Panel>
      </Stack>
    </Screen>
  );
}
