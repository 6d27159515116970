// The template as JSON, edited in place: problems are listed as the template check reports them (each at its path), the
// preview follows the text as it is typed, and a save or a revert to the shipped template needs a reason (audited).
import { useState } from 'react';
import { Badge, Button, Group, List, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { RotateCcw, Save } from 'lucide-react';
import type { LabelTemplateDetail, TemplateIssue } from '../../../../common/api/labels';
import { ApiError, call } from '../../api/client';
import { ResultBanner } from '../../components/ResultBanner';
import { Time } from '../../components/Time';

/** The draft as the api would take it, or why it cannot be read as JSON. */
export type DraftState =
  { kind: 'unchanged' } | { kind: 'json-error'; message: string } | { kind: 'changed'; definition: Record<string, unknown> };

export function readDraft(text: string, saved: string): DraftState {
  if (text === saved) return { kind: 'unchanged' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { kind: 'json-error', message: `Not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { kind: 'json-error', message: 'A template is a JSON object: { "name": …, "elements": [ … ] }' };
  return { kind: 'changed', definition: value as Record<string, unknown> };
}

export function templateText(detail: LabelTemplateDetail): string {
  return JSON.stringify(detail.definition, null, 2);
}

export interface TemplateEditorProps {
  detail: LabelTemplateDetail;
  text: string;
  onText: (text: string) => void;
  draft: DraftState;
  /** Issues the template check reported for the draft (from the preview), empty when it passed or was not checked. */
  issues: readonly TemplateIssue[];
  /** Called after a save or revert, with what the api answered. */
  onStored: (detail: LabelTemplateDetail, what: string) => void;
}

export function TemplateEditor({ detail, text, onText, draft, issues, onStored }: TemplateEditorProps) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const reasonOk = reason.trim().length >= 3;

  const store = async (run: () => Promise<LabelTemplateDetail>, what: (d: LabelTemplateDetail) => string) => {
    setBusy(true);
    setError(null);
    try {
      const stored = await run();
      setReason('');
      onStored(stored, what(stored));
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError('INTERNAL', String(e)));
    } finally {
      setBusy(false);
    }
  };
  const save = () => {
    if (draft.kind !== 'changed') return;
    void store(
      () => call('labels.saveTemplate', { definition: draft.definition, reason: reason.trim(), expectedVersion: detail.version }),
      (d) => `Template ${d.name} saved as version ${d.version}; labels print from it now.`,
    );
  };
  const revert = () =>
    void store(
      () => call('labels.revertTemplate', { name: detail.name, reason: reason.trim(), expectedVersion: detail.version }),
      (d) => `Template ${d.name} is back to the shipped template (version ${d.version}).`,
    );
  const saveIssues =
    error?.details && typeof error.details === 'object' && 'issues' in error.details
      ? (error.details as { issues: TemplateIssue[] }).issues
      : [];
  const shown = issues.length > 0 ? issues : saveIssues;

  return (
    <Stack gap="sm" data-testid="template-editor">
      {draft.kind === 'json-error' ? (
        <ResultBanner tone="refused" title="The template cannot be read" compact>
          <span data-testid="template-json-error">{draft.message}</span>
        </ResultBanner>
      ) : null}
      {draft.kind !== 'json-error' && shown.length > 0 ? (
        <div data-testid="template-issues">
          <ResultBanner tone="refused" title={`The template check found ${shown.length} ${shown.length === 1 ? 'problem' : 'problems'}`}>
            <List size="sm" spacing={2}>
              {shown.map((issue) => (
                <List.Item key={`${issue.path}|${issue.message}`}>
                  <Text span ff="monospace" size="sm" fw={700}>
                    {issue.path || '(template)'}
                  </Text>
                  : {issue.message}
                </List.Item>
              ))}
            </List>
          </ResultBanner>
        </div>
      ) : null}
      <Textarea
        value={text}
        onChange={(e) => onText(e.currentTarget.value)}
        autosize
        minRows={14}
        maxRows={20}
        spellCheck={false}
        aria-label={`Template ${detail.name} as JSON`}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13, lineHeight: 1.45 } }}
        data-testid="template-json"
      />
      {error && saveIssues.length === 0 ? (
        <ResultBanner tone="refused" title="Not saved">
          {error.message}
        </ResultBanner>
      ) : null}
      <TextInput
        label="Reason for the change (recorded in the audit trail)"
        placeholder="e.g. customer asks for the catalogue number as CAT"
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        data-testid="template-reason"
      />
      <Group gap="sm">
        <Button
          leftSection={<Save size={18} />}
          disabled={draft.kind !== 'changed' || issues.length > 0 || !reasonOk}
          loading={busy}
          onClick={save}
          data-testid="template-save"
        >
          Save as version {detail.version + 1}
        </Button>
        <Button
          variant="default"
          disabled={draft.kind === 'unchanged'}
          onClick={() => onText(templateText(detail))}
          data-testid="template-discard"
        >
          Discard edit
        </Button>
        <Button
          variant="default"
          color="red"
          leftSection={<RotateCcw size={18} />}
          disabled={detail.source !== 'edited' || !reasonOk}
          loading={busy}
          onClick={revert}
          data-testid="template-revert"
        >
          Revert to shipped
        </Button>
      </Group>
      {!reasonOk && draft.kind === 'changed' ? (
        <Text size="sm" c="dimmed">
          Give a reason to save.
        </Text>
      ) : null}
      {detail.history.length > 0 ? (
        <Stack gap={4} data-testid="template-history">
          <Text size="sm" fw={700}>
            Versions
          </Text>
          {detail.history.map((h) => (
            <Group key={h.version} gap={8} wrap="nowrap" align="baseline">
              <Badge
                size="sm"
                style={{ flex: 'none' }}
                variant={h.source === 'edited' ? 'filled' : 'outline'}
                color={h.source === 'edited' ? 'indigo' : 'gray'}
              >
                v{h.version} {h.source === 'edited' ? 'edited' : 'shipped'}
              </Badge>
              <Text size="sm">
                {h.by}, <Time iso={h.at} />: {h.reason}
              </Text>
            </Group>
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}
