// One line of machine text (GS1 data, a URI) in monospace, with a copy button that copies the data as it is.
import { ActionIcon, CopyButton, Group, Text, Tooltip } from '@mantine/core';
import { Check, Copy } from 'lucide-react';
import { showScan } from '../../format/scanText';

export function CopyableCode({ value, label, testId }: { value: string; label: string; testId?: string }) {
  return (
    <Group gap={6} wrap="nowrap" align="flex-start">
      <Text ff="monospace" size="sm" style={{ wordBreak: 'break-all' }} data-testid={testId}>
        {showScan(value)}
      </Text>
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? 'Copied' : `Copy ${label}`} withArrow>
            <ActionIcon variant="subtle" color="gray" size="md" onClick={copy} aria-label={`Copy ${label}`}>
              {copied ? <Check size={16} /> : <Copy size={16} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}
