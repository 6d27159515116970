// The campaign page's signed decisions and field work: lift the campaign's hold on units in house (signed, with a
// reason), narrow a draft's scope by a rule (signed rationale), and record the field action done on a serial (with the
// replacement serial when a part or unit was swapped).
import { useState } from 'react';
import { Button, Group, MultiSelect, Select, Stack, TextInput } from '@mantine/core';
import type { Campaign, RuleMode, ScopeRule } from '../../../../common/api/recall';
import { call } from '../../api/client';
import type { ApiError } from '../../api/client';
import { useAction } from '../../api/useAction';
import { useCommand } from '../../api/useCommand';
import { Panel } from '../../components/Panel';
import { OutcomeBanners, ResultBanner } from '../../components/ResultBanner';
import { SignDialog } from '../../components/SignDialog';
import type { SigningComponents } from '../../components/SignDialog';
import { ruleKindWords } from './recallWords';

interface Pending {
  title: string;
  facts: { label: string; value: string }[];
  sign: (signature: SigningComponents) => Promise<string>;
}

const list = (text: string) => text.split(/[\s,]+/).filter((v) => v !== '');

type RuleKind = ScopeRule['kind'];
const ruleKinds = (Object.keys(ruleKindWords) as RuleKind[]).map((value) => ({ value, label: ruleKindWords[value] }));

function ruleOf(kind: RuleKind, f: { values: string; part: string; from: string; to: string }): ScopeRule {
  if (kind === 'product') return { kind, parts: list(f.values) };
  if (kind === 'customer') return { kind, customers: list(f.values) };
  if (kind === 'location') return { kind, locations: list(f.values) };
  if (kind === 'serialRange') return { kind, part: f.part, from: f.from, to: f.to };
  return { kind, from: f.from, to: f.to };
}

function LiftForm({ campaign, onSign }: { campaign: Campaign; onSign: (p: Pending) => void }) {
  const held = useCommand('recalls.held', { number: campaign.number }).data ?? [];
  const [refs, setRefs] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  return (
    <Group align="flex-end" wrap="wrap" data-testid="recall-lift">
      <MultiSelect
        label={`Held by ${campaign.number} (${held.length})`}
        data={held.map((u) => ({ value: u.ref, label: `${u.ref} — ${u.onHand} ${u.unit}` }))}
        value={refs}
        onChange={setRefs}
        searchable
        w={360}
        data-testid="lift-refs"
      />
      <TextInput label="Reason" w={320} value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-testid="lift-reason" />
      <Button
        color="orange"
        disabled={refs.length === 0 || reason.trim().length < 3}
        onClick={() =>
          onSign({
            title: `Lift the hold of ${campaign.number} on ${refs.length} ${refs.length === 1 ? 'unit' : 'units'}`,
            facts: [
              { label: 'Units', value: refs.join(', ') },
              { label: 'Reason', value: reason.trim() },
              { label: 'Effect', value: 'each goes back to the status it had before the recall' },
            ],
            sign: async (signature) => {
              const c = await call('recalls.lift', { number: campaign.number, refs, reason: reason.trim(), signature });
              setRefs([]);
              setReason('');
              return `Hold lifted on ${refs.join(', ')}. Holds now: ${c.holds.active} active, ${c.holds.lifted} lifted.`;
            },
          })
        }
        data-testid="lift-sign"
      >
        Lift hold…
      </Button>
    </Group>
  );
}

function RuleForm({ campaign, onSign }: { campaign: Campaign; onSign: (p: Pending) => void }) {
  const [mode, setMode] = useState<RuleMode>('exclude');
  const [kind, setKind] = useState<RuleKind>('product');
  const [fields, setFields] = useState({ values: '', part: '', from: '', to: '' });
  const [rationale, setRationale] = useState('');
  const field = (name: keyof typeof fields, label: string, w = 160) => (
    <TextInput label={label} w={w} value={fields[name]} onChange={(e) => setFields({ ...fields, [name]: e.currentTarget.value })} data-testid={`rule-${name}`} />
  );
  const ranged = kind === 'dateRange' || kind === 'serialRange';
  return (
    <Group align="flex-end" wrap="wrap" data-testid="recall-rule">
      <Select label="Rule" w={110} data={[{ value: 'exclude', label: 'Exclude' }, { value: 'only', label: 'Only' }]} value={mode} onChange={(v) => v && setMode(v)} allowDeselect={false} data-testid="rule-mode" />
      <Select label="What" w={260} data={ruleKinds} value={kind} onChange={(v) => v && setKind(v)} allowDeselect={false} data-testid="rule-kind" />
      {kind === 'serialRange' ? field('part', 'Part') : null}
      {ranged ? field('from', kind === 'dateRange' ? 'From (YYYY-MM-DD)' : 'From serial') : field('values', 'Codes (separated by spaces)', 260)}
      {ranged ? field('to', kind === 'dateRange' ? 'To (YYYY-MM-DD)' : 'To serial') : null}
      <TextInput label="Rationale" w={320} value={rationale} onChange={(e) => setRationale(e.currentTarget.value)} data-testid="rule-rationale" />
      <Button
        disabled={rationale.trim().length < 3}
        onClick={() => {
          const rule = ruleOf(kind, fields);
          onSign({
            title: `Narrow the scope of ${campaign.number}`,
            facts: [
              { label: 'Rule', value: `${mode === 'only' ? 'Only' : 'Exclude'} · ${ruleKinds.find((k) => k.value === kind)?.label ?? kind}: ${ranged ? `${kind === 'serialRange' ? `${fields.part} ` : ''}${fields.from} to ${fields.to}` : list(fields.values).join(', ')}` },
              { label: 'Rationale', value: rationale.trim() },
            ],
            sign: async (signature) => {
              const c = await call('recalls.addRule', { number: campaign.number, mode, rule, rationale: rationale.trim(), signature });
              setRationale('');
              return `Rule ${c.rules.at(-1)?.seq ?? ''} added: ${c.rules.at(-1)?.text ?? ''}.`;
            },
          });
        }}
        data-testid="rule-sign"
      >
        Add rule…
      </Button>
    </Group>
  );
}

function FieldActionForm({ campaign }: { campaign: Campaign }) {
  const [serial, setSerial] = useState('');
  const [description, setDescription] = useState('');
  const [removed, setRemoved] = useState('');
  const [installed, setInstalled] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { busy, run } = useAction();
  const save = async () => {
    const outcome = await run(() =>
      call('recalls.fieldAction', {
        number: campaign.number,
        serial: serial.trim(),
        description: description.trim(),
        ...(removed.trim() ? { removed: removed.trim() } : {}),
        ...(installed.trim() ? { installed: installed.trim() } : {}),
      }),
    );
    if (outcome.ok) {
      setDone(`Field action on ${serial.trim()} recorded${installed.trim() ? `; ${installed.trim()} installed` : ''}. Overall ${outcome.value.overall.accounted} of ${outcome.value.overall.shipped} accounted.`);
      setError(null);
      setSerial('');
      setDescription('');
      setRemoved('');
      setInstalled('');
    } else setError(outcome.error);
  };
  return (
    <Stack gap="xs" data-testid="recall-field-action">
      <Group align="flex-end" wrap="wrap">
        <TextInput label="Serial (PART#SERIAL)" w={200} value={serial} onChange={(e) => setSerial(e.currentTarget.value)} data-testid="fa-serial" />
        <TextInput label="What was done" w={300} value={description} onChange={(e) => setDescription(e.currentTarget.value)} data-testid="fa-description" />
        <TextInput label="Removed (optional)" w={180} value={removed} onChange={(e) => setRemoved(e.currentTarget.value)} data-testid="fa-removed" />
        <TextInput label="Replacement installed (optional)" w={220} value={installed} onChange={(e) => setInstalled(e.currentTarget.value)} data-testid="fa-installed" />
        <Button onClick={() => void save()} loading={busy} disabled={serial.trim() === '' || description.trim().length < 3} data-testid="fa-save">
          Record field action
        </Button>
      </Group>
      <OutcomeBanners error={error} done={done} title="Field action recorded" onClose={(which) => (which === 'error' ? setError(null) : setDone(null))} />
    </Stack>
  );
}

export function RecallDecisions({ campaign }: { campaign: Campaign }) {
  const [pending, setPending] = useState<Pending | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const active = campaign.status === 'open' || campaign.status === 'monitoring';
  if (campaign.status === 'closed') return null;
  return (
    <>
      {campaign.status === 'draft' ? (
        <Panel title="Narrow the scope (signed rationale)" testId="recall-rules">
          <RuleForm campaign={campaign} onSign={setPending} />
        </Panel>
      ) : null}
      {active && campaign.holds.active > 0 ? (
        <Panel title="Held units" testId="recall-held">
          <LiftForm campaign={campaign} onSign={setPending} />
        </Panel>
      ) : null}
      {active && !campaign.drill ? (
        <Panel title="Field action on a serial" testId="recall-field-actions">
          <FieldActionForm campaign={campaign} />
        </Panel>
      ) : null}
      {done ? (
        <ResultBanner tone="accepted" title="Signed" compact onClose={() => setDone(null)}>
          {done}
        </ResultBanner>
      ) : null}
      {pending ? (
        <SignDialog
          opened
          title={pending.title}
          facts={pending.facts}
          meanings={['approved']}
          onSign={async (signature) => {
            setDone(await pending.sign(signature));
            setPending(null);
          }}
          onCancel={() => setPending(null)}
        />
      ) : null}
    </>
  );
}
