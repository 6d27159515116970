// Mock recalls per year on the recall console: opened → report time in minutes against the target, MET or NOT MET
// in words and colour.
import { Badge, Stack, Text } from '@mantine/core';
import { DRILL_TARGET_MINUTES } from '../../../../common/api/recall';
import type { CampaignHeader } from '../../../../common/api/recall';
import { navigate } from '../../app/navigation';
import { DataTable } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { Time } from '../../components/Time';
import { drillHistory, drillVerdictWords } from './drillHistory';
import type { DrillLine, DrillVerdict } from './drillHistory';

const verdictColour: Record<DrillVerdict, string> = { met: 'green', 'not-met': 'red', 'no-report': 'gray', 'not-opened': 'gray' };

export function DrillHistoryPanel({ campaigns }: { campaigns: readonly CampaignHeader[] }) {
  const years = drillHistory(campaigns);
  return (
    <Panel title={`Mock recall history (target ${DRILL_TARGET_MINUTES} minutes from opening to the complete report)`} testId="drill-history">
      {years.length === 0 ? (
        <Text c="dimmed">No mock recall yet. Start one above with “Mock recall (drill)” ticked; its report stops the timer.</Text>
      ) : (
        <Stack gap="md">
          {years.map((y) => (
            <Stack gap={4} key={y.year} data-testid={`drill-year-${y.year}`}>
              <Text fw={600}>
                {y.year}: {y.drills.length} {y.drills.length === 1 ? 'drill' : 'drills'}, {y.met} met the target
              </Text>
              <DataTable<DrillLine>
                rows={y.drills}
                rowKey={(d) => d.campaign.number}
                onRowClick={(d) => navigate({ screen: 'recall', number: d.campaign.number })}
                columns={[
                  { key: 'number', header: 'Drill', render: (d) => d.campaign.number },
                  { key: 'title', header: 'Title', render: (d) => d.campaign.title, wrap: true },
                  { key: 'opened', header: 'Opened', render: (d) => <Time iso={d.campaign.openedAt} /> },
                  { key: 'minutes', header: 'Minutes to report', align: 'right', render: (d) => (d.minutes === null ? '—' : `${d.minutes.toFixed(2)} of ${DRILL_TARGET_MINUTES}`) },
                  {
                    key: 'verdict',
                    header: 'Target',
                    render: (d) => (
                      <Badge color={verdictColour[d.verdict]} variant={d.verdict === 'met' || d.verdict === 'not-met' ? 'filled' : 'light'} data-verdict={d.verdict}>
                        {drillVerdictWords[d.verdict]}
                      </Badge>
                    ),
                  },
                ]}
              />
            </Stack>
          ))}
        </Stack>
      )}
    </Panel>
  );
}
