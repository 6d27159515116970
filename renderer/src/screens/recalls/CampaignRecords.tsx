// What a campaign has decided and done, as records: its scope rules (kind, what they say, the rationale, who signed and
// when), the field actions recorded on serials (with the replacement installed), and the holds it lifted (signed).
import { Stack, Text } from '@mantine/core';
import type { Campaign, CampaignLift, CampaignRule, FieldActionView } from '../../../../common/api/recall';
import { DataTable } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { StatusBadge } from '../../components/StatusBadge';
import { Time } from '../../components/Time';
import { formatTime } from '../../format/time';
import { ruleKindWords, signedBy } from './recallWords';

function Added({ at, by }: { at: string; by: string }) {
  return (
    <span>
      {by}, <Time iso={at} />
    </span>
  );
}

export function CampaignRecords({ campaign, fieldActions }: { campaign: Campaign; fieldActions: readonly FieldActionView[] }) {
  const c = campaign;
  return (
    <Stack gap="md">
      <Panel title={`Scope rules (${c.rules.length})`} testId="recall-rule-list">
        <DataTable<CampaignRule>
          rows={c.rules}
          rowKey={(r) => r.seq}
          emptyText="No rules: the scope is the whole forward trace of the seeds."
          columns={[
            { key: 'seq', header: '#', align: 'right', width: 40, render: (r) => r.seq },
            { key: 'kind', header: 'Kind', render: (r) => `${r.mode === 'only' ? 'Only' : 'Exclude'} · ${ruleKindWords[r.rule.kind]}` },
            { key: 'text', header: 'Rule', wrap: true, render: (r) => r.text },
            { key: 'rationale', header: 'Rationale', wrap: true, render: (r) => r.rationale },
            { key: 'signed', header: 'Signed', wrap: true, render: (r) => signedBy(r.signatures, formatTime) },
            { key: 'added', header: 'Added', wrap: true, render: (r) => <Added at={r.createdAt} by={r.createdBy} /> },
          ]}
        />
      </Panel>
      {c.status !== 'draft' ? (
        <Panel title={`Field actions recorded (${fieldActions.length})`} testId="recall-field-action-list">
          <DataTable<FieldActionView>
            rows={fieldActions}
            rowKey={(f) => f.service}
            emptyText="No field action has been recorded on a serial yet."
            maxHeight={360}
            columns={[
              { key: 'serial', header: 'Serial', wrap: true, render: (f) => f.serial },
              { key: 'customer', header: 'Customer', render: (f) => f.customer ?? '—' },
              { key: 'service', header: 'Service event', render: (f) => f.service },
              { key: 'description', header: 'Action', wrap: true, render: (f) => f.description },
              { key: 'removed', header: 'Removed', render: (f) => f.removed ?? '—' },
              { key: 'installed', header: 'Replacement installed', render: (f) => f.installed ?? '—' },
              { key: 'by', header: 'Recorded', wrap: true, render: (f) => <Added at={f.performedAt} by={f.by} /> },
            ]}
          />
        </Panel>
      ) : null}
      {c.lifts.length > 0 ? (
        <Panel title={`Holds lifted (${c.lifts.length})`} testId="recall-lift-list">
          <DataTable<CampaignLift>
            rows={c.lifts}
            rowKey={(l) => `${l.ref} ${l.at}`}
            columns={[
              { key: 'ref', header: 'Lot or serial', render: (l) => l.ref },
              { key: 'held', header: 'Held', render: (l) => <Time iso={l.heldAt} /> },
              { key: 'status', header: 'Back to', render: (l) => <StatusBadge status={l.statusTo} size="sm" /> },
              { key: 'reason', header: 'Reason', wrap: true, render: (l) => l.reason },
              { key: 'signed', header: 'Signed', wrap: true, render: (l) => signedBy(l.signatures, formatTime) },
              { key: 'lifted', header: 'Lifted', wrap: true, render: (l) => <Added at={l.at} by={l.by} /> },
            ]}
          />
          <Text size="xs" c="dimmed" mt="xs">
            Each lifted lot or serial went back to the status it had before the campaign held it.
          </Text>
        </Panel>
      ) : null}
    </Stack>
  );
}
