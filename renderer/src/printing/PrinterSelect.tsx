// Choosing a label printer: the named printers (printing.printers), and a new one added by its address
// (tcp://HOST:9100, serial:PATH, usb:PATH or queue:NAME) with a name people know it by.
import { useState } from 'react';
import { Button, Group, Popover, Select, Stack, TextInput } from '@mantine/core';
import { Plus } from 'lucide-react';
import { ApiError, call } from '../api/client';
import { useCommand } from '../api/useCommand';

function AddPrinterForm({ onAdded, size }: { onAdded: (address: string) => void; size: 'md' | 'lg' }) {
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const add = async () => {
    setBusy(true);
    setError(null);
    try {
      const printer = await call('printing.addPrinter', { name: name.trim(), address: address.trim() });
      onAdded(printer.address);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="xs" data-testid="add-printer-form">
      <TextInput
        size={size}
        label="Name"
        placeholder="ZT410 packing"
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        data-testid="add-printer-name"
      />
      <TextInput
        size={size}
        label="Address"
        placeholder="tcp://10.0.0.5:9100 · serial:/dev/ttyUSB0 · usb:/dev/usb/lp0 · queue:NAME"
        value={address}
        onChange={(e) => setAddress(e.currentTarget.value)}
        error={error}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        data-testid="add-printer-address"
      />
      <Group justify="flex-end">
        <Button
          size={size}
          loading={busy}
          disabled={!name.trim() || !address.trim()}
          onClick={() => void add()}
          data-testid="add-printer-save"
        >
          Add printer
        </Button>
      </Group>
    </Stack>
  );
}

export interface PrinterSelectProps {
  value: string | null;
  onChange: (address: string | null) => void;
  label?: string;
  size?: 'md' | 'lg';
  testId?: string;
}

export function PrinterSelect({ value, onChange, label = 'Label printer', size = 'md', testId = 'printer-select' }: PrinterSelectProps) {
  const printers = useCommand('printing.printers', {});
  const [adding, setAdding] = useState(false);
  const data = (printers.data ?? []).map((p) => ({ value: p.address, label: `${p.name} — ${p.address}` }));
  // A printer chosen earlier and since renamed or not named here still shows by its address.
  if (value && !data.some((d) => d.value === value)) data.push({ value, label: value });
  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      <Select
        size={size}
        style={{ flex: 1 }}
        miw={240}
        label={label}
        placeholder={data.length === 0 ? 'No printer yet: add one' : 'Choose a printer'}
        data={data}
        value={value}
        onChange={onChange}
        clearable
        error={printers.status === 'error' ? printers.error.message : undefined}
        data-testid={testId}
      />
      <Popover opened={adding} onChange={setAdding} position="bottom-end" width={420} withArrow shadow="md" trapFocus>
        <Popover.Target>
          <Button
            size={size}
            variant="default"
            leftSection={<Plus size={18} />}
            onClick={() => setAdding((a) => !a)}
            data-testid={`${testId}-add`}
          >
            Add printer
          </Button>
        </Popover.Target>
        <Popover.Dropdown>
          <AddPrinterForm
            size={size}
            onAdded={(address) => {
              setAdding(false);
              onChange(address);
            }}
          />
        </Popover.Dropdown>
      </Popover>
    </Group>
  );
}
