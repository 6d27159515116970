// Who signed a record, when (with zone), with what meaning, and whether the signature still holds for the record as
// it is now.
import { Badge, Text } from '@mantine/core';
import type { SignatureView } from '../../../../common/api/signatures';
import { DataTable } from '../../components/DataTable';
import { Time } from '../../components/Time';

export function SignatureHistory({ signatures }: { signatures: readonly SignatureView[] }) {
  return (
    <DataTable
      testId="signature-history"
      rows={signatures}
      rowKey={(s) => s.id}
      emptyText="Not signed yet."
      columns={[
        { key: 'who', header: 'Signed by', render: (s) => `${s.printedName} (${s.username})`, wrap: true },
        { key: 'meaning', header: 'Meaning', width: 90, render: (s) => s.meaning },
        { key: 'when', header: 'When', width: 170, render: (s) => <Time iso={s.signedAt} /> },
        {
          key: 'valid',
          header: 'Holds now',
          wrap: true,
          render: (s) =>
            s.valid ? (
              <Badge color="green" variant="light" data-testid="signature-valid">
                Valid
              </Badge>
            ) : (
              <Text size="sm" c="red.8" data-testid="signature-invalid">
                {s.invalidReason}
              </Text>
            ),
        },
      ]}
    />
  );
}
