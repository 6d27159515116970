import { useState } from 'react';
import { Group, NumberInput, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { AuditRow } from '../../../../common/api/audit';
import { useCommand } from '../../api/useCommand';
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
  const [debouncedEntity] = useDebouncedValue(entity.trim(), 250);
  const rows = useCommand('audit.list', {
    entity: debouncedEntity || undefined,
    entityId: entityId === '' ? undefined : entityId,
    limit: ROW_LIMIT,
  });

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
          </Group>
        }
      >
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
