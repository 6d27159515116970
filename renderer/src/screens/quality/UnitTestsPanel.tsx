// The "Tests" panel of a lot or serial: every result against its spec with pass / OOS badges, OOS results with their
// nonconformance, corrections beside what they corrected (struck through, with the reason), and the entry form.
import { useState } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import type { TestResult } from '../../../../common/api/quality';
import { useCommand } from '../../api/useCommand';
import { playResultTone } from '../../app/resultTone';
import { DataTable } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { ErrorBanner, ResultBanner } from '../../components/ResultBanner';
import { RouteLink } from '../../components/RouteLink';
import { Time } from '../../components/Time';
import { OutcomeBadge } from './OutcomeBadge';
import type { ResultAnswer } from './ResultEntryForm';
import { ResultEntryForm } from './ResultEntryForm';
import { specificationText, stageWords, valueText } from './qualityWords';

function ValueCell({ result }: { result: TestResult }) {
  const superseded = result.supersededBy !== null;
  return (
    <Stack gap={0}>
      <Text
        size="sm"
        td={superseded ? 'line-through' : undefined}
        c={superseded ? 'dimmed' : undefined}
        fw={superseded ? 400 : 600}
        data-superseded={superseded || undefined}
      >
        {valueText(result.value, result.criterion)}
      </Text>
      {result.supersedes !== null ? (
        <Text size="xs" c="dimmed" data-testid="correction-reason">
          Corrects #{result.supersedes}: {result.correctionReason}
        </Text>
      ) : null}
      {superseded ? (
        <Text size="xs" c="dimmed">
          Corrected by #{result.supersededBy}
        </Text>
      ) : null}
    </Stack>
  );
}

function OutcomeCell({ result }: { result: TestResult }) {
  return (
    <Group gap={6} wrap="nowrap">
      <OutcomeBadge outcome={result.outcome} />
      {result.nonconformance ? (
        <RouteLink
          to={{ screen: 'quality', nc: result.nonconformance.number }}
          size="sm"
          c={result.nonconformance.status === 'open' ? 'red.8' : undefined}
          data-testid="result-nc"
        >
          {result.nonconformance.number} ({result.nonconformance.status})
        </RouteLink>
      ) : null}
    </Group>
  );
}

function AnswerBanner({ answer, onClose }: { answer: ResultAnswer; onClose: () => void }) {
  if (answer.tone === 'refused') return <ErrorBanner error={answer.error} title="Result not recorded" onClose={onClose} />;
  const r = answer.result;
  const verb = answer.corrected ? 'Correction recorded' : 'Result recorded';
  if (r.outcome === 'pass') {
    return (
      <ResultBanner
        tone="accepted"
        title={`${verb}: ${r.characteristic} ${valueText(r.value, r.criterion)} is in spec`}
        onClose={onClose}
      />
    );
  }
  return (
    <ResultBanner
      tone="attention"
      title={`${verb}: ${r.characteristic} ${valueText(r.value, r.criterion)} is out of spec (${specificationText(r.criterion)})`}
      onClose={onClose}
    >
      Investigate it under {r.nonconformance?.number ?? 'a nonconformance'}; the lot cannot be released while it is open.
    </ResultBanner>
  );
}

export function UnitTestsPanel({ unitRef }: { unitRef: string }) {
  const tests = useCommand('results.list', { ref: unitRef });
  const [answer, setAnswer] = useState<ResultAnswer | null>(null);
  const [correcting, setCorrecting] = useState<TestResult | null>(null);
  const data = tests.data;
  const onAnswer = (next: ResultAnswer) => {
    setAnswer(next);
    playResultTone(next.tone === 'refused' ? 'refused' : 'accepted');
    if (next.tone === 'accepted') setCorrecting(null);
  };

  return (
    <Panel title={`Tests (${data?.results.length ?? 0})`} testId="unit-tests">
      <Stack gap="sm">
        {answer ? <AnswerBanner answer={answer} onClose={() => setAnswer(null)} /> : null}
        {tests.error ? <ErrorBanner error={tests.error} title="Could not load the results" /> : null}
        {data ? (
          <>
            <Text size="sm" c="dimmed" data-testid="unit-tests-spec">
              {data.spec
                ? `Judged against the ${data.part} spec in force: version ${data.spec.version} (${stageWords[data.spec.stage].toLowerCase()}); each result keeps the version in force when it was tested.`
                : `${data.part} has no approved test specification: results can be entered once one is approved on the Quality screen.`}
            </Text>
            <DataTable
              rows={data.results}
              rowKey={(r) => r.id}
              testId="unit-results"
              emptyText="No test results yet."
              columns={[
                { key: 'id', header: '#', width: 50, render: (r) => r.id },
                { key: 'characteristic', header: 'Characteristic', width: 160, render: (r) => r.characteristic },
                { key: 'spec', header: 'Specification', width: 170, render: (r) => specificationText(r.criterion, r.specVersion) },
                { key: 'value', header: 'Result', width: 200, wrap: true, render: (r) => <ValueCell result={r} /> },
                { key: 'outcome', header: 'Pass / fail', width: 190, render: (r) => <OutcomeCell result={r} /> },
                { key: 'equipment', header: 'Equipment', width: 140, render: (r) => r.equipment ?? '—' },
                { key: 'tested', header: 'Tested', width: 170, render: (r) => <Time iso={r.testedAt} /> },
                { key: 'by', header: 'By', width: 90, render: (r) => r.testedBy },
                {
                  key: 'correct',
                  header: '',
                  width: 90,
                  render: (r) =>
                    r.supersededBy === null && data.spec ? (
                      <Button size="compact-sm" variant="subtle" onClick={() => setCorrecting(r)} data-testid="result-correct">
                        Correct
                      </Button>
                    ) : null,
                },
              ]}
            />
            {data.spec ? (
              <ResultEntryForm
                key={correcting?.id ?? 'new'}
                unitRef={data.ref}
                spec={data.spec}
                correcting={correcting ?? undefined}
                onAnswer={onAnswer}
                onCancel={correcting ? () => setCorrecting(null) : undefined}
              />
            ) : null}
          </>
        ) : null}
      </Stack>
    </Panel>
  );
}
