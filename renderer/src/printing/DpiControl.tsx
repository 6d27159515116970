// The printer's resolution at one place that prints: a label is laid out in dots, so a 300 dpi printer needs the
// label rendered for 300 dpi to come out at its size in millimetres.
import { SegmentedControl, Stack, Text } from '@mantine/core';
import type { LabelDpi } from '../../../common/labels/template';
import { labelDpis } from '../../../common/labels/template';
import type { PrintPlace } from './printerChoice';
import { chooseDpi, usePrinterChoice } from './printerChoice';

export function DpiControl({ place, size = 'sm', testId }: { place: PrintPlace; size?: 'sm' | 'lg'; testId: string }) {
  const dpi = usePrinterChoice((s) => s.dpi[place] ?? 203);
  return (
    <Stack gap={2}>
      <Text size={size} fw={500}>
        Printer resolution
      </Text>
      <SegmentedControl
        size={size}
        value={String(dpi)}
        onChange={(v) => chooseDpi(place, Number(v) as LabelDpi)}
        data={labelDpis.map((d) => ({ value: String(d), label: `${d} dpi` }))}
        data-testid={testId}
      />
    </Stack>
  );
}
