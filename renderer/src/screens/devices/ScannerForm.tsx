// Add or change a scanner: serial (port, baud, suffix, inter-byte timeout) or USB HID POS (vendor, product, path).
// "Try it" opens the port for a few seconds and shows the barcode read meanwhile, decoded, before anything is saved.
import { useState } from 'react';
import { Button, Checkbox, Group, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { standardBaudRates } from '../../../../common/api/devices';
import type { DeviceTestResult } from '../../../../common/api/devices';
import { ApiError, call } from '../../api/client';
import { ResultBanner } from '../../components/ResultBanner';
import { showScan } from '../../format/scanText';
import { reloadDevices } from '../../frame/deviceState';
import type { DeviceFormValues } from './deviceForm';
import { emptyDeviceForm, toDeviceInput } from './deviceForm';

const TRY_LISTEN_MS = 5000;

const suffixOptions = [
  { value: 'cr', label: 'CR (carriage return)' },
  { value: 'lf', label: 'LF (line feed)' },
  { value: 'crlf', label: 'CR LF' },
  { value: 'none', label: 'None: a pause ends the frame' },
];

type Answer = { tone: 'accepted' | 'refused' | 'info'; title: string; text: string; test?: DeviceTestResult };

export function ScannerForm({ values, onChange }: { values: DeviceFormValues; onChange: (values: DeviceFormValues) => void }) {
  const [busy, setBusy] = useState<'save' | 'try' | null>(null);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const set = (patch: Partial<DeviceFormValues>) => onChange({ ...values, ...patch });
  const custom = !suffixOptions.some((o) => o.value === values.suffix);

  const save = async () => {
    setBusy('save');
    try {
      const saved = await call('devices.save', toDeviceInput(values));
      setAnswer({ tone: saved.state === 'error' ? 'refused' : 'accepted', title: `${saved.config.name} saved: ${saved.state}`, text: saved.reason ?? `Runs as ${saved.label}.` });
      onChange(emptyDeviceForm);
      void reloadDevices();
    } catch (error) {
      setAnswer({ tone: 'refused', title: 'Not saved', text: error instanceof ApiError ? error.message : String(error) });
    } finally {
      setBusy(null);
    }
  };
  const tryIt = async () => {
    setBusy('try');
    setAnswer({ tone: 'info', title: `Listening for ${TRY_LISTEN_MS / 1000} s`, text: 'Scan a barcode with this scanner now.' });
    try {
      const test = await call('devices.test', { device: toDeviceInput(values), listenMs: TRY_LISTEN_MS });
      setAnswer({ tone: test.ok ? 'accepted' : 'refused', title: test.ok ? 'Scanner works' : 'Scanner test failed', text: test.message, test });
    } catch (error) {
      setAnswer({ tone: 'refused', title: 'Not tested', text: error instanceof ApiError ? error.message : String(error) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack gap="sm" data-testid="scanner-form">
      <Group justify="space-between">
        <SegmentedControl
          value={values.kind}
          onChange={(kind) => set({ kind: kind === 'hid' ? 'hid' : 'serial' })}
          data={[
            { value: 'serial', label: 'Serial (RS-232, USB COM)' },
            { value: 'hid', label: 'USB HID POS' },
          ]}
        />
        {values.id ? <Text size="sm">Changing {values.id}</Text> : null}
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        <TextInput label="Name" description="Say where it is: Receiving dock, Packing line 2" value={values.name} onChange={(e) => set({ name: e.currentTarget.value })} />
        {values.kind === 'serial' ? (
          <>
            <TextInput label="Port" description="/dev/ttyACM0, /dev/ttyUSB0 or COM3" value={values.path} onChange={(e) => set({ path: e.currentTarget.value })} />
            <Select
              label="Baud rate"
              data={standardBaudRates.map(String)}
              value={values.baud}
              onChange={(baud) => set({ baud: baud ?? '9600' })}
              allowDeselect={false}
              searchable
            />
            <Group align="flex-end" gap="xs" wrap="nowrap">
              <Select
                label="Frame suffix"
                description="What the scanner sends after each barcode"
                data={[...suffixOptions, { value: 'custom', label: 'Custom bytes (hex)' }]}
                value={custom ? 'custom' : values.suffix}
                onChange={(suffix) => set({ suffix: suffix === 'custom' ? '0x04' : (suffix ?? 'cr') })}
                allowDeselect={false}
                style={{ flex: 1 }}
              />
              {custom ? <TextInput label="Suffix bytes" value={values.suffix} onChange={(e) => set({ suffix: e.currentTarget.value })} w={110} /> : null}
            </Group>
            <TextInput
              label="Inter-byte timeout (ms)"
              description={values.suffix === 'none' ? 'The pause that ends a frame (empty: 50)' : 'After this pause an unfinished frame is discarded (empty: 1000)'}
              value={values.timeoutMs}
              onChange={(e) => set({ timeoutMs: e.currentTarget.value })}
              inputMode="numeric"
            />
          </>
        ) : (
          <>
            <Group grow>
              <TextInput label="Vendor id (hex)" value={values.vendorId} onChange={(e) => set({ vendorId: e.currentTarget.value })} />
              <TextInput label="Product id (hex)" value={values.productId} onChange={(e) => set({ productId: e.currentTarget.value })} />
            </Group>
            <TextInput label="HID path" description="From Find devices" value={values.path} onChange={(e) => set({ path: e.currentTarget.value })} />
            <Checkbox
              label="Pin this path (for several identical scanners); otherwise it is found by vendor and product after a replug"
              checked={values.pinPath}
              onChange={(e) => set({ pinPath: e.currentTarget.checked })}
            />
          </>
        )}
      </SimpleGrid>
      <Checkbox label="Enabled: run this scanner while Lotline is open" checked={values.enabled} onChange={(e) => set({ enabled: e.currentTarget.checked })} />
      <Group gap="sm">
        <Button size="md" onClick={() => void save()} loading={busy === 'save'} disabled={busy !== null}>
          {values.id ? 'Save changes' : 'Add scanner'}
        </Button>
        <Button size="md" variant="light" onClick={() => void tryIt()} loading={busy === 'try'} disabled={busy !== null}>
          Try it ({TRY_LISTEN_MS / 1000} s)
        </Button>
        {values.id || values.name || values.path ? (
          <Button size="md" variant="subtle" onClick={() => onChange(emptyDeviceForm)} disabled={busy !== null}>
            Clear
          </Button>
        ) : null}
      </Group>
      {answer ? (
        <ResultBanner tone={answer.tone} title={answer.title} onClose={busy ? undefined : () => setAnswer(null)}>
          <div data-testid="scanner-form-answer">{answer.text}</div>
          {answer.test?.scan ? (
            <Text ff="monospace" size="sm" data-testid="test-scan-raw">
              {showScan(answer.test.scan.raw)}
            </Text>
          ) : null}
        </ResultBanner>
      ) : null}
    </Stack>
  );
}
