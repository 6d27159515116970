// A dense desk table. Long lists are windowed (only the visible rows are in the DOM), so 50,000 rows scroll freely.
import type { CSSProperties, ReactNode } from 'react';
import { useEffect, useRef, useState } from 'react';
import { Group, Loader, Table, Text } from '@mantine/core';
import classes from './DataTable.module.css';

export interface Column<Row> {
  key: string;
  header: string;
  render: (row: Row) => ReactNode;
  width?: CSSProperties['width'];
  align?: 'left' | 'right';
  /** Let long text wrap onto more lines (never in windowed tables, whose rows have one height). */
  wrap?: boolean;
}

export interface DataTableProps<Row> {
  rows: readonly Row[];
  columns: readonly Column<Row>[];
  rowKey: (row: Row) => string | number;
  /** Mouse convenience; rows should still carry a link for keyboard users. */
  onRowClick?: (row: Row) => void;
  emptyText?: string;
  /** While the rows are still being worked out: what is being done, shown instead of `emptyText` (which would say there are none). */
  pending?: string;
  /** The scroll area's maximum height (CSS); the table grows up to it. */
  maxHeight?: CSSProperties['maxHeight'];
  testId?: string;
  caption?: string;
}

const ROW_HEIGHT = 37;
const WINDOW_FROM = 150; // below this many rows, render them all
const OVERSCAN = 15;

function TableCell<Row>({ column, row, oneLine }: { column: Column<Row>; row: Row; oneLine: boolean }) {
  const content = column.render(row);
  // Text cut short by the column width is still readable on hover.
  const title = oneLine && (typeof content === 'string' || typeof content === 'number') ? String(content) : undefined;
  return (
    <Table.Td className={oneLine ? classes.oneLine : undefined} style={{ textAlign: column.align ?? 'left' }} title={title}>
      {content}
    </Table.Td>
  );
}

export function DataTable<Row>({
  rows,
  columns,
  rowKey,
  onRowClick,
  emptyText = 'Nothing to show.',
  pending,
  maxHeight = '62vh',
  testId,
  caption,
}: DataTableProps<Row>) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(800);

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setViewportHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const windowed = rows.length > WINDOW_FROM;
  const first = windowed ? Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN) : 0;
  const last = windowed ? Math.min(rows.length, Math.ceil((scrollTop + viewportHeight) / ROW_HEIGHT) + OVERSCAN) : rows.length;
  const visible = rows.slice(first, last);

  return (
    <div
      ref={scroller}
      className={classes.scroller}
      style={{ maxHeight }}
      onScroll={windowed ? (event) => setScrollTop(event.currentTarget.scrollTop) : undefined}
      data-testid={testId}
      data-rows={rows.length}
    >
      <Table stickyHeader highlightOnHover verticalSpacing={6} horizontalSpacing="sm" className={classes.table}>
        {caption ? <caption className={classes.caption}>{caption}</caption> : null}
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th key={column.key} style={{ width: column.width, textAlign: column.align ?? 'left' }}>
                {column.header}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {first > 0 ? <tr aria-hidden style={{ height: first * ROW_HEIGHT }} /> : null}
          {visible.map((row) => (
            <Table.Tr
              key={rowKey(row)}
              className={onRowClick ? classes.clickable : undefined}
              style={windowed ? { height: ROW_HEIGHT } : undefined}
              onClick={onRowClick ? () => onRowClick(row) : undefined}
            >
              {columns.map((column) => (
                <TableCell key={column.key} column={column} row={row} oneLine={windowed || !column.wrap} />
              ))}
            </Table.Tr>
          ))}
          {last < rows.length ? <tr aria-hidden style={{ height: (rows.length - last) * ROW_HEIGHT }} /> : null}
        </Table.Tbody>
      </Table>
      {rows.length === 0 && pending !== undefined ? (
        <Group gap="xs" p="md" data-testid={testId ? `${testId}-pending` : undefined}>
          <Loader size="xs" />
          <Text c="dimmed">{pending}</Text>
        </Group>
      ) : rows.length === 0 ? (
        <Text c="dimmed" p="md">
          {emptyText}
        </Text>
      ) : null}
    </div>
  );
}
