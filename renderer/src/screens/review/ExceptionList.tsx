// A record's exceptions, each with what happened, who and when, and a link to the entry behind it.
import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import type { ExceptionKind, ReviewEntry, ReviewException } from '../../../../common/api/review';
import { exceptionKindTitles } from '../../../../common/api/review';
import type { Route } from '../../app/routes';
import { RouteLink } from '../../components/RouteLink';
import { Time } from '../../components/Time';

/** Amber for what a reviewer must look at, red for what speaks against release. */
const SERIOUS: ReadonlySet<ExceptionKind> = new Set(['out-of-spec', 'failed-inspection', 'open-nc', 'missing-result']);

export function ExceptionCounts({ counts }: { counts: ReviewEntry['counts'] }) {
  const kinds = Object.keys(counts) as ExceptionKind[];
  if (kinds.length === 0)
    return (
      <Badge color="green" variant="light" data-testid="exception-none">
        No exceptions
      </Badge>
    );
  return (
    <Group gap={4} wrap="wrap" data-testid="exception-counts">
      {kinds.map((kind) => (
        <Badge key={kind} color={SERIOUS.has(kind) ? 'red' : 'orange'} variant="light" data-kind={kind}>
          {counts[kind]} {exceptionKindTitles[kind]}
        </Badge>
      ))}
    </Group>
  );
}

/** Where the entry behind an exception is shown. */
function entryLink(entry: ReviewEntry, e: ReviewException): { to: Route; text: string } | null {
  const { link } = e;
  if (link.nc) return { to: { screen: 'quality', nc: link.nc }, text: link.nc };
  if (link.resultId) return { to: { screen: 'unit', ref: entry.ref }, text: `Result ${link.resultId}` };
  if (link.printJobId) return { to: { screen: 'labels', ref: entry.ref }, text: `Print job ${link.printJobId}` };
  if (link.characteristic) return { to: { screen: 'quality', part: entry.part }, text: `${entry.part} spec` };
  if (link.eventId) {
    const to: Route = entry.workOrder ? { screen: 'workOrder', number: entry.workOrder } : { screen: 'unit', ref: entry.ref };
    return { to, text: `Event ${link.eventId}` };
  }
  return null;
}

/** `onVerify`: offered on a step no second person has verified (the sign dialog, meaning verified). */
export function ExceptionList({ entry, onVerify }: { entry: ReviewEntry; onVerify?: (e: ReviewException) => void }) {
  if (entry.exceptions.length === 0) {
    return (
      <Text size="sm" data-testid="exception-list" data-count="0">
        No exceptions: every result is in spec and complete, every significant step verified, nothing reprinted, reversed or recorded late.
      </Text>
    );
  }
  return (
    <Stack gap="xs" data-testid="exception-list" data-count={entry.exceptions.length}>
      {entry.exceptions.map((e, i) => {
        const link = entryLink(entry, e);
        return (
          <Stack key={`${e.kind}-${i}`} gap={2} data-testid="exception" data-kind={e.kind}>
            <Group gap="xs" wrap="nowrap" justify="space-between">
              <Badge color={SERIOUS.has(e.kind) ? 'red' : 'orange'} variant="light">
                {exceptionKindTitles[e.kind]}
              </Badge>
              <Group gap="xs" wrap="nowrap">
                {onVerify && e.kind === 'unverified-step' ? (
                  <Button size="compact-sm" variant="light" onClick={() => onVerify(e)} data-testid="exception-verify">
                    Verify
                  </Button>
                ) : null}
                {link ? (
                  <RouteLink to={link.to} size="sm" data-testid="exception-link">
                    {link.text}
                  </RouteLink>
                ) : null}
              </Group>
            </Group>
            <Text size="sm">{e.summary}</Text>
            {e.at || e.by ? (
              <Text size="xs" c="dimmed">
                {e.by ?? ''} {e.at ? <Time iso={e.at} /> : null}
              </Text>
            ) : null}
          </Stack>
        );
      })}
    </Stack>
  );
}
