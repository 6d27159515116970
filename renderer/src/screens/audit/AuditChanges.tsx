// Old and new values of one audit row, side by side, only for the fields that changed.
import { Text } from '@mantine/core';
import type { AuditRow } from '../../../../common/api/audit';
import classes from './AuditChanges.module.css';

function show(value: unknown): string {
  if (value === undefined) return '—';
  if (value === null) return 'null';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function changedFields(row: Pick<AuditRow, 'oldValues' | 'newValues'>): { field: string; from: unknown; to: unknown }[] {
  const fields = new Set([...Object.keys(row.oldValues ?? {}), ...Object.keys(row.newValues)]);
  return [...fields]
    .filter((field) => show(row.oldValues?.[field]) !== show(row.newValues[field]))
    .map((field) => ({ field, from: row.oldValues?.[field], to: row.newValues[field] }));
}

export function AuditChanges({ row }: { row: AuditRow }) {
  return (
    <>
      <FieldChanges row={row} />
      {row.moves.map((move) => (
        <div key={move.unitId} className={classes.move}>
          <Text size="sm" fw={600}>
            units {move.unitId} — {move.reason}
          </Text>
          <FieldChanges row={{ oldValues: move.oldValues, newValues: pick(move.newValues, Object.keys(move.oldValues)) }} />
        </div>
      ))}
    </>
  );
}

/** Only the fields a move changed: the rest of the unit stood as it was. */
function pick(values: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f, values[f]]));
}

function FieldChanges({ row }: { row: Pick<AuditRow, 'oldValues' | 'newValues'> }) {
  const changes = changedFields(row);
  if (changes.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No field changed
      </Text>
    );
  return (
    <div
      className={classes.changes}
      title={changes.map((c) => `${c.field}: ${row.oldValues ? `${show(c.from)} → ` : ''}${show(c.to)}`).join('\n')}
    >
      {changes.map((change) => (
        <div key={change.field} className={classes.change}>
          <span className={classes.field}>{change.field}</span>
          {row.oldValues ? <span className={classes.old}>{show(change.from)}</span> : null}
          {row.oldValues ? <span aria-label="changed to">→</span> : null}
          <span className={classes.new}>{show(change.to)}</span>
        </div>
      ))}
    </div>
  );
}
