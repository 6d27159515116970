// Identity always reads the same way: part number and description, then `Lot …` or `S/N …`, GS1 data below.
import { ActionIcon, CopyButton, Group, Stack, Text, Tooltip } from '@mantine/core';
import { Check, Copy } from 'lucide-react';
import type { UnitSummary } from '../../../common/domain';
import { gs1ElementString, unitCodeLabel } from '../format/unitLabels';

export interface UnitIdentityProps {
  unit: UnitSummary;
  /** `page` is the big heading of a unit page; `compact` fits a side panel. */
  variant?: 'page' | 'compact';
}

export function UnitIdentity({ unit, variant = 'page' }: UnitIdentityProps) {
  const gs1 = gs1ElementString(unit);
  const big = variant === 'page';
  return (
    <Stack gap={2}>
      <Text fw={600} size={big ? 'lg' : 'sm'}>
        {unit.item}{' '}
        <Text span fw={400} inherit>
          — {unit.description}
        </Text>
      </Text>
      <Text component={big ? 'h1' : 'div'} m={0} fw={700} fz={big ? 28 : 20} lh={1.2} data-testid="unit-code">
        {unitCodeLabel(unit)}
      </Text>
      {gs1 ? (
        <Group gap={6} wrap="nowrap">
          <Text ff="monospace" size="sm" c="dimmed" data-testid="unit-gs1">
            {gs1}
          </Text>
          <CopyButton value={gs1}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? 'Copied' : 'Copy GS1 data'} withArrow>
                <ActionIcon variant="subtle" color="gray" size="sm" onClick={copy} aria-label="Copy GS1 data">
                  {copied ? <Check size={14} /> : <Copy size={14} />}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
        </Group>
      ) : null}
    </Stack>
  );
}
