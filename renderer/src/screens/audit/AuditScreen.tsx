import { useState } from 'react';
import { Button, Group, NumberInput, Select, Text, TextInput } from '@mantine/core';
import { Download } from 'lucide-react';
import { useDebouncedValue } from '@mantine/hooks';
import type { AuditRow } from '../../../../common/api/audit';
import { ApiError, call } from '../../api/client';
import { useCommand } from '../../api/useCommand';
import { downloadBase64File } from '../../format/files';
import { ErrorBanner } from '../../components/ResultBanner';
import { DataTable } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { Screen } from '../../components/Screen';
import { Time } from '../../components/Time';
import { AuditChanges } from './AuditChanges';
import { ChainVerification } from './ChainVerification';

const ROW_LIMIT = 2000;

const actionWords: Record<AuditRow['action'], string> = { create: 'Created', update: 'Changed', append: 'Appended' };

export function AuditScreen() {
  const [entity, setEntity] = useState('');
  const [entityId, setEntityId] = useState<number | ''>('');
  const [actor, setActor] = useState('');
  const [action, setAction] = useState<AuditRow['action'] | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [exportError, setExportError] = useState<ApiError | null>(null);
  const [debouncedEntity] = useDebouncedValue(entity.trim(), 250);
  const [debouncedActor] = useDebouncedValue(actor.trim(), 250);
  const filter = {
    entity: debouncedEntity || undefined,
    entityId: entityId === '' ? undefined : entityId,
    actor: debouncedActor || undefined,
    action: action ?? undefined,
    from: from || undefined,
    to: to || undefined,
  };
  const rows = useCommand('audit.list', { ...filter, limit: ROW_LIMIT });

  async function exportView(format: 'csv' | 'pdf') {
    try {
      const file = await call(format === 'csv' ? 'audit.exportCsv' : 'audit.exportPdf', filter);
      downloadBase64File(file.contentBase64, format === 'csv' ? 'text/csv' : 'application/pdf', file.fileName);
      setExportError(null);
    } catch (error) {
      setExportError(error instanceof ApiError ? error : new ApiError('INTERNAL', String(error)));
    }
  }

  return (
    <Screen
      name="audit"
      title="Audit trail"
      subtitle="Every change: who, when, what, old and new values, why"
      ready={rows.status === 'ready'}
      error={rows.error}
    >
      <Panel title="Chain verification">
        <ChainVerification />
      </Panel>
      <Panel
        title={
          rows.data ? `Changes (${rows.data.length.toLocaleString()}${rows.data.length === ROW_LIMIT ? ', newest only' : ''})` : 'Changes'
        }
        actions={
          <Group gap="sm" wrap="nowrap">
            <TextInput
              placeholder="Entity, e.g. units"
              aria-label="Entity"
              value={entity}
              onChange={(e) => setEntity(e.currentTarget.value)}
              w={180}
            />
            <NumberInput
              placeholder="Entity id"
              aria-label="Entity id"
              value={entityId}
              min={1}
              allowDecimal={false}
              onChange={(v) => setEntityId(typeof v === 'number' ? v : '')}
              w={120}
            />
            <TextInput placeholder="User" aria-label="User" value={actor} onChange={(e) => setActor(e.currentTarget.value)} w={120} />
            <Select
              placeholder="Action"
              aria-label="Action"
              clearable
              value={action}
              onChange={(v) => setAction(v === 'create' || v === 'update' || v === 'append' ? v : null)}
              data={Object.entries(actionWords).map(([value, label]) => ({ value, label }))}
              w={130}
            />
            <TextInput type="date" aria-label="From (UTC day)" title="From (UTC day)" value={from} onChange={(e) => setFrom(e.currentTarget.value)} w={150} />
            <TextInput type="date" aria-label="To (UTC day)" title="To (UTC day)" value={to} onChange={(e) => setTo(e.currentTarget.value)} w={150} />
            <Button variant="default" leftSection={<Download size={16} />} onClick={() => void exportView('csv')} data-testid="audit-export-csv">
              CSV
            </Button>
            <Button variant="default" leftSection={<Download size={16} />} onClick={() => void exportView('pdf')} data-testid="audit-export-pdf">
              PDF
            </Button>
          </Group>
        }
      >
        {exportError ? <ErrorBanner error={exportError} title="The file was not made" onClose={() => setExportError(null)} /> : null}
        {rows.data ? (
          <DataTable
            rows={rows.data}
            rowKey={(r) => r.seq}
            testId="audit-table"
            maxHeight="calc(100vh - 400px)"
            emptyText="No audit rows match."
            columns={[
              { key: 'seq', header: '#', width: 64, align: 'right', render: (r) => r.seq },
              { key: 'at', header: 'When', width: 175, render: (r) => <Time iso={r.at} /> },
              { key: 'actor', header: 'Who', width: 90, render: (r) => r.actor },
              {
                key: 'action',
                header: 'Action',
                width: 100,
                render: (r) => actionWords[r.action],
              },
              { key: 'entity', header: 'Entity', width: 120, render: (r) => `${r.entity} ${r.entityId}` },
              { key: 'changes', header: 'Old → new', render: (r) => <AuditChanges row={r} /> },
              { key: 'reason', header: 'Reason', width: 220, render: (r) => r.reason ?? '—' },
              {
                key: 'hash',
                header: 'Hash',
                width: 100,
                render: (r) => (
                  <Text span ff="monospace" size="xs" title={r.hash}>
                    {r.hash.slice(0, 10)}
                  </Text>
                ),
              },
            ]}
          />
        ) : null}
      </Panel>
    </Screen>
  );
}
