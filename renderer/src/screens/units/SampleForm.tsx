// Take a sample out of a lot or serial (a QC retain, a destructive test): the quantity leaves what is on hand, with the
// reason, and counts as sampled in a recall's mass balance.
import { useState } from 'react';
import { Button, Group, Stack, TextInput } from '@mantine/core';
import type { UnitSummary } from '../../../../common/domain';
import { call } from '../../api/client';
import type { ApiError } from '../../api/client';
import { useAction } from '../../api/useAction';
import { OutcomeBanners } from '../../components/ResultBanner';

export function SampleForm({ unit }: { unit: UnitSummary }) {
  const [quantity, setQuantity] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { busy, run } = useAction();
  const take = async () => {
    const outcome = await run(() => call('units.sample', { ref: unit.ref, quantity: quantity.trim(), reason: reason.trim() }));
    if (outcome.ok) {
      setDone(`Sample of ${quantity.trim()} ${unit.unit} taken from ${unit.ref}: ${outcome.value.onHand} ${unit.unit} left on hand.`);
      setError(null);
      setQuantity('');
      setReason('');
    } else setError(outcome.error);
  };
  return (
    <Stack gap="xs" data-testid="sample-form">
      <Group align="flex-end" wrap="wrap">
        <TextInput label={`Sample (${unit.unit})`} w={130} value={quantity} onChange={(e) => setQuantity(e.currentTarget.value)} data-testid="sample-quantity" />
        <TextInput label="Why (retain, test…)" style={{ flex: 1 }} miw={200} value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-testid="sample-reason" />
        <Button variant="default" onClick={() => void take()} loading={busy} disabled={quantity.trim() === '' || reason.trim().length < 3} data-testid="sample-take">
          Take sample
        </Button>
      </Group>
      <OutcomeBanners error={error} done={done} title="Sample taken" onClose={(which) => (which === 'error' ? setError(null) : setDone(null))} />
    </Stack>
  );
}
