// Exchange: EPCIS 2.0 documents in (from suppliers and customers) and out (to them and to regulators).
import { SimpleGrid } from '@mantine/core';
import { Screen } from '../../components/Screen';
import { EpcisExportPanel } from './EpcisExportPanel';
import { EpcisImportPanel } from './EpcisImportPanel';

export function ExchangeScreen() {
  return (
    <Screen name="exchange" title="Exchange" subtitle="EPCIS 2.0 traceability events in and out: import a partner’s document, export your own" ready>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md" style={{ alignItems: 'start' }}>
        <EpcisImportPanel />
        <EpcisExportPanel />
      </SimpleGrid>
    </Screen>
  );
}
