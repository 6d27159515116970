// The record view (UX.md "Review queue and record view"): the EBR, DHR or CoA PDF drawn inline beside the record's
// exceptions (each linked to its entry), signing the record (reviewed, approved), the release or rejection, and the
// record's signature history with each signature's validity for the content as it is now.
import { useState } from 'react';
import { Button, Grid, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { Download, PenLine } from 'lucide-react';
import type { RecordKind } from '../../../../common/api/records';
import type { ReviewException } from '../../../../common/api/review';
import { recordKindTitles } from '../../../../common/api/records';
import type { Route } from '../../app/routes';
import { useNavigation } from '../../app/navigation';
import { call } from '../../api/client';
import { useCommand } from '../../api/useCommand';
import { useAuth } from '../../auth/authStore';
import { downloadBase64File } from '../../format/files';
import { Panel } from '../../components/Panel';
import { RouteLink } from '../../components/RouteLink';
import { Screen } from '../../components/Screen';
import { SignDialog } from '../../components/SignDialog';
import { StatusBadge } from '../../components/StatusBadge';
import { StatusChangeBanner } from '../units/UnitScreen';
import type { StatusChangeAnswer } from '../units/StatusChangeForm';
import { StatusChangeForm } from '../units/StatusChangeForm';
import { playResultTone } from '../../app/resultTone';
import { ExceptionCounts, ExceptionList } from './ExceptionList';
import { PdfPages } from './PdfPages';
import { SignatureHistory } from './SignatureHistory';

/** The records a unit has: a lot its batch record and CoA, a serial its device history record. */
function kindsFor(ref: string): RecordKind[] {
  return ref.includes('#') ? ['dhr'] : ['ebr', 'coa'];
}

export function RecordViewerScreen({ route }: { route: Extract<Route, { screen: 'record' }> }) {
  const kinds = kindsFor(route.ref);
  const kind = route.kind && kinds.includes(route.kind) ? route.kind : (kinds[0] ?? 'ebr');
  const navigate = useNavigation((s) => s.navigate);
  const isQa = useAuth((s) => s.user?.roles.includes('qa') ?? false);
  const unit = useCommand('units.get', { ref: route.ref });
  const review = useCommand('review.exceptions', isQa ? { ref: route.ref } : null);
  const pdf = useCommand('records.render', { kind, ref: route.ref });
  const record = pdf.data ? { kind: pdf.data.kind, id: pdf.data.id } : null;
  const signatures = useCommand('signatures.list', record ? { record } : null);
  const [signing, setSigning] = useState(false);
  const [verifying, setVerifying] = useState<ReviewException | null>(null);
  const [answer, setAnswer] = useState<StatusChangeAnswer | null>(null);
  const title = record ? `${recordKindTitles[record.kind]} ${record.id}` : recordKindTitles[kind];

  const onAnswer = (next: StatusChangeAnswer) => {
    setAnswer(next);
    playResultTone(next.tone);
  };

  return (
    <Screen
      name="record"
      title={title}
      subtitle={
        unit.data ? (
          <Group gap="xs">
            <RouteLink to={{ screen: 'unit', ref: unit.data.unit.ref }}>{unit.data.unit.ref}</RouteLink>
            <Text span c="dimmed">
              {unit.data.unit.description}
            </Text>
          </Group>
        ) : undefined
      }
      ready={pdf.status === 'ready' && unit.status === 'ready'}
      error={pdf.error ?? unit.error}
      actions={
        <>
          {unit.data ? (
            <span data-testid="unit-status">
              <StatusBadge status={unit.data.unit.status} size="lg" />
            </span>
          ) : null}
          {kinds.length > 1 ? (
            <SegmentedControl
              value={kind}
              onChange={(k) => navigate({ screen: 'record', ref: route.ref, kind: k })}
              data={kinds.map((k) => ({ value: k, label: k.toUpperCase() }))}
              data-testid="record-kind"
            />
          ) : null}
          <Button
            variant="default"
            leftSection={<Download size={18} />}
            disabled={!pdf.data?.content}
            onClick={() => pdf.data?.content && downloadBase64File(pdf.data.content, 'application/pdf', `${kind}-${pdf.data.id}.pdf`)}
            data-testid="record-download"
          >
            Download PDF
          </Button>
        </>
      }
    >
      {answer ? <StatusChangeBanner answer={answer} onClose={() => setAnswer(null)} /> : null}
      <SignDialog
        opened={signing}
        title={title}
        facts={[
          { label: 'Record', value: title },
          { label: 'Subject', value: route.ref },
          { label: 'Pages', value: String(pdf.data?.pages ?? '') },
        ]}
        contentSha256={signatures.data?.contentSha256}
        meanings={['reviewed', 'approved']}
        onSign={async (signature) => {
          if (!record) return;
          await call('signatures.sign', { record, ...signature });
          setSigning(false);
        }}
        onCancel={() => setSigning(false)}
      />
      <SignDialog
        opened={verifying !== null}
        title={`Step ${verifying?.link.eventId ?? ''}`}
        facts={[
          { label: 'Step', value: verifying?.summary ?? '' },
          { label: 'Performed by', value: verifying?.by ?? '' },
          { label: 'Record signed', value: `The step as recorded (record kind step, event ${verifying?.link.eventId ?? ''}); its performer cannot verify it` },
        ]}
        meanings={['verified']}
        onSign={async (signature) => {
          if (!verifying) return;
          await call('signatures.sign', { record: { kind: 'step', id: String(verifying.link.eventId) }, ...signature });
          setVerifying(null);
        }}
        onCancel={() => setVerifying(null)}
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Panel title={`${recordKindTitles[kind]} (PDF)`} testId="record-pdf">
            {pdf.data?.content ? <PdfPages key={pdf.data.content} base64={pdf.data.content} label={`${title}, ${pdf.data.pages} pages`} /> : <Text c="dimmed">Building the record…</Text>}
          </Panel>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            <Panel title="Exceptions" testId="record-exceptions" actions={review.data ? <ExceptionCounts counts={review.data.counts} /> : null}>
              {!isQa ? (
                <Text size="sm" c="dimmed">
                  Exceptions are listed for QA reviewers.
                </Text>
              ) : review.data ? (
                <ExceptionList entry={review.data} onVerify={setVerifying} />
              ) : review.error ? (
                <Text size="sm">{review.error.message}</Text>
              ) : (
                <Text size="sm" c="dimmed">
                  Looking for exceptions…
                </Text>
              )}
            </Panel>
            <Panel
              title="Review and decision"
              testId="record-decision"
              actions={
                <Button leftSection={<PenLine size={16} />} onClick={() => setSigning(true)} disabled={!record} data-testid="record-sign">
                  Sign record
                </Button>
              }
            >
              {unit.data ? <StatusChangeForm unit={unit.data.unit} onAnswer={onAnswer} /> : null}
            </Panel>
            <Panel title="Signatures of this record" testId="record-signatures">
              <SignatureHistory signatures={signatures.data?.signatures ?? []} />
            </Panel>
          </Stack>
        </Grid.Col>
      </Grid>
    </Screen>
  );
}
