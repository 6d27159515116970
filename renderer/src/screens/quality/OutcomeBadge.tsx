// Pass or fail of a result: colour, icon and word together (an out-of-spec result reads "OOS" in red).
import { Badge } from '@mantine/core';
import { CircleCheck, CircleX } from 'lucide-react';
import type { TestOutcome } from '../../../../common/api/quality';

export function OutcomeBadge({ outcome }: { outcome: TestOutcome }) {
  const pass = outcome === 'pass';
  const Icon = pass ? CircleCheck : CircleX;
  return (
    <Badge
      color={pass ? 'green' : 'red.8'}
      variant={pass ? 'light' : 'filled'}
      // Never squeezed into an ellipsis beside the NC link: the word is the point.
      style={{ flex: 'none' }}
      leftSection={<Icon aria-hidden size={13} strokeWidth={2.5} />}
      data-outcome={outcome}
      data-testid="outcome-badge"
    >
      {pass ? 'Pass' : 'OOS'}
    </Badge>
  );
}
