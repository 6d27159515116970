// Scan settings of this workstation: the duplicate window, how long a hardware scan waits for a screen, and how a
// keyboard-wedge scanner is told apart from typing (burst threshold, suffix key, GS substitute).
import { useState } from 'react';
import { Button, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { wedgeSuffixKeys } from '../../../../common/api/devices';
import type { ScanSettings } from '../../../../common/api/devices';
import { ApiError, call } from '../../api/client';
import { Panel } from '../../components/Panel';
import { ResultBanner } from '../../components/ResultBanner';
import { reloadDevices } from '../../frame/deviceState';

const asNumber = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

export function ScanSettingsPanel({ settings }: { settings: ScanSettings }) {
  const [form, setForm] = useState(() => ({
    duplicateWindowMs: String(settings.duplicateWindowMs),
    holdSeconds: String(settings.holdMs / 1000),
    maxGapMs: String(settings.wedge.maxGapMs),
    minLength: String(settings.wedge.minLength),
    suffixKey: settings.wedge.suffixKey,
    gsSubstitute: settings.wedge.gsSubstitute,
  }));
  const [answer, setAnswer] = useState<{ tone: 'accepted' | 'refused'; text: string } | null>(null);
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  const save = async () => {
    try {
      await call('devices.settings', {
        duplicateWindowMs: asNumber(form.duplicateWindowMs),
        holdMs: Math.round(asNumber(form.holdSeconds) * 1000),
        wedge: { maxGapMs: asNumber(form.maxGapMs), minLength: asNumber(form.minLength), suffixKey: form.suffixKey, gsSubstitute: form.gsSubstitute },
      });
      setAnswer({ tone: 'accepted', text: 'Saved; scanners and the keyboard wedge use them now.' });
      void reloadDevices();
    } catch (error) {
      setAnswer({ tone: 'refused', text: error instanceof ApiError ? error.message : String(error) });
    }
  };
  return (
    <Panel title="Scan settings" testId="scan-settings">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          <TextInput label="Duplicate window (ms)" description="The same barcode again within it is ignored, and said so (0: off)" value={form.duplicateWindowMs} onChange={(e) => set({ duplicateWindowMs: e.currentTarget.value })} />
          <TextInput label="Hold scans for (s)" description="A scan no screen takes in this time is shown as missed" value={form.holdSeconds} onChange={(e) => set({ holdSeconds: e.currentTarget.value })} />
          <TextInput label="Wedge burst threshold (ms)" description="Keys closer than this are a scanner, not a person" value={form.maxGapMs} onChange={(e) => set({ maxGapMs: e.currentTarget.value })} />
          <TextInput label="Wedge shortest scan (characters)" value={form.minLength} onChange={(e) => set({ minLength: e.currentTarget.value })} />
          <Select label="Wedge suffix key" data={[...wedgeSuffixKeys]} value={form.suffixKey} onChange={(v) => set({ suffixKey: v ?? 'Enter' })} allowDeselect={false} />
          <TextInput
            label="Wedge GS substitute"
            description="The character the scanner is set to send for GS (FNC1), e.g. ~ (empty: none)"
            value={form.gsSubstitute}
            maxLength={1}
            onChange={(e) => set({ gsSubstitute: e.currentTarget.value })}
          />
        </SimpleGrid>
        <Group>
          <Button size="md" onClick={() => void save()}>
            Save settings
          </Button>
        </Group>
        {answer ? (
          <ResultBanner tone={answer.tone} title={answer.tone === 'accepted' ? 'Settings saved' : 'Not saved'} onClose={() => setAnswer(null)}>
            {answer.text}
          </ResultBanner>
        ) : null}
      </Stack>
    </Panel>
  );
}
