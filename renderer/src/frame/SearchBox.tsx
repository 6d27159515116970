// The search/scan box: finds any lot, serial, work order, shipment, item or customer by any identifier.
// A scan (fast keystrokes ending in Enter) with exactly one hit opens it at once; GS1 data that finds nothing opens
// the Decode barcode screen, which says what the scan means or why it is not valid.
import { useEffect, useRef, useState } from 'react';
import { Combobox, Group, Kbd, Loader, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { Barcode, ScanLine } from 'lucide-react';
import type { SearchHit } from '../../../common/api/system';
import { call } from '../api/client';
import { navigate } from '../app/navigation';
import { useScanKeys } from '../components/ScanInput';
import { looksLikeGs1, readScan, showScan } from '../format/scanText';
import { KeyboardWedge, isTextEntry } from './keyboardWedge';
import { routeScan, useScanFallback } from './scanTarget';
import { useDeviceStore } from './deviceState';
import { hitKindLabels, routeForHit } from './searchTargets';
import classes from './SearchBox.module.css';

type Lookup = { query: string; hits: SearchHit[] } | { query: string; error: string };

const hitValue = (hit: SearchHit) => `${hit.type}:${hit.key}`;
const DECODE_OPTION = 'decode:';

async function lookUp(query: string): Promise<Lookup> {
  try {
    return { query, hits: await call('search.query', { q: query }) };
  } catch (error) {
    return { query, error: error instanceof Error ? error.message : String(error) };
  }
}

export function SearchBox() {
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text.trim(), 180);
  const [lookup, setLookup] = useState<Lookup | null>(null);
  const scanKeys = useScanKeys(setText);

  useHotkeys([['mod+K', () => input.current?.select()]], []);

  useEffect(() => {
    if (!debounced) return;
    let current = true;
    void lookUp(debounced).then((result) => {
      if (current) setLookup(result);
    });
    return () => {
      current = false;
    };
  }, [debounced]);

  const close = () => {
    setText('');
    setLookup(null);
    combobox.closeDropdown();
    input.current?.blur();
  };
  const open = (hit: SearchHit) => {
    navigate(routeForHit(hit));
    close();
  };
  const decode = (data: string) => {
    navigate({ screen: 'decode', data });
    close();
  };

  /** Enter or a scan: a single hit opens at once; several open the list with the first highlighted. */
  const submit = async (query: string) => {
    if (!query) return;
    const answer = lookup && lookup.query === query ? lookup : await lookUp(query);
    setLookup(answer);
    if ('hits' in answer && answer.hits.length === 1 && answer.hits[0]) {
      open(answer.hits[0]);
      return;
    }
    if ('hits' in answer && answer.hits.length === 0 && looksLikeGs1(query)) {
      decode(query);
      return;
    }
    input.current?.focus();
    combobox.openDropdown();
    combobox.selectFirstOption();
  };

  // A scanner works wherever focus is: a scan no screen takes (wedge burst or hardware read) is looked up here.
  useScanFallback((scanned: string) => {
    setText(scanned);
    void submit(scanned);
  });
  const wedgeSettings = useDeviceStore((state) => state.overview?.settings.wedge);
  useEffect(() => {
    const wedge = new KeyboardWedge(wedgeSettings ?? undefined);
    const onKey = (event: KeyboardEvent) => {
      if (event.metaKey || isTextEntry(event.target)) return;
      const scanned = wedge.key(event, event.timeStamp);
      if (scanned === null) return;
      event.preventDefault();
      routeScan(scanned);
    };
    const onKeyUp = (event: KeyboardEvent) => {
      if (!isTextEntry(event.target)) wedge.keyUp(event.key, event.timeStamp);
    };
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('keyup', onKeyUp, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('keyup', onKeyUp, true);
    };
  }, [wedgeSettings]);

  const shown = lookup && lookup.query === text.trim() ? lookup : null;
  const hits = shown && 'hits' in shown ? shown.hits : [];
  const loading = text.trim() !== '' && shown === null;
  const gs1 = looksLikeGs1(text);

  return (
    <Combobox
      store={combobox}
      onOptionSubmit={(value) => {
        if (value === DECODE_OPTION) {
          decode(text.trim());
          return;
        }
        const hit = hits.find((h) => hitValue(h) === value);
        if (hit) open(hit);
      }}
      withinPortal
      position="bottom-start"
    >
      <Combobox.Target>
        <TextInput
          ref={input}
          className={classes.input}
          size="md"
          value={showScan(text)}
          spellCheck={false}
          autoComplete="off"
          placeholder="Search or scan: lot, serial, work order, shipment, GS1…"
          aria-label="Search or scan"
          data-testid="search-box"
          leftSection={<ScanLine size={20} aria-hidden />}
          rightSection={loading ? <Loader size="xs" /> : <Kbd size="xs">Ctrl K</Kbd>}
          rightSectionWidth={loading ? 36 : 64}
          onChange={(event) => {
            setText(readScan(event.currentTarget.value));
            combobox.openDropdown();
            combobox.resetSelectedOption();
          }}
          onKeyUp={scanKeys.onKeyUp}
          onBeforeInput={(event) => scanKeys.onBeforeInput(event.nativeEvent)}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          onKeyDown={(event) => {
            if (scanKeys.onKeyDown(event)) return;
            // With an option highlighted, Combobox submits it; otherwise Enter searches and opens a single hit.
            if (event.key === 'Enter' && combobox.getSelectedOptionIndex() < 0) {
              event.preventDefault();
              void submit(text.trim());
            }
            if (event.key === 'Escape') {
              setText('');
              combobox.closeDropdown();
            }
          }}
        />
      </Combobox.Target>
      {text.trim() !== '' ? (
        <Combobox.Dropdown className={classes.dropdown} data-testid="search-results">
          <Combobox.Options>
            {shown && 'error' in shown ? <Combobox.Empty className={classes.error}>{shown.error}</Combobox.Empty> : null}
            {shown && 'hits' in shown && hits.length === 0 ? <Combobox.Empty>Nothing found for “{showScan(shown.query)}”.</Combobox.Empty> : null}
            {shown === null ? <Combobox.Empty>Searching…</Combobox.Empty> : null}
            {hits.map((hit) => (
              <Combobox.Option value={hitValue(hit)} key={hitValue(hit)} data-testid="search-hit">
                <Group gap="sm" wrap="nowrap">
                  <span className={classes.kind}>{hitKindLabels[hit.type]}</span>
                  <div className={classes.hitText}>
                    <Text fw={600} size="sm" truncate>
                      {hit.label}
                    </Text>
                    <Text size="xs" truncate className={classes.detail}>
                      {hit.detail}
                    </Text>
                  </div>
                </Group>
              </Combobox.Option>
            ))}
            {gs1 ? (
              <Combobox.Option value={DECODE_OPTION} data-testid="search-decode">
                <Group gap="sm" wrap="nowrap">
                  <Barcode size={18} aria-hidden />
                  <Text fw={600} size="sm">
                    Decode barcode: what this scan says, field by field
                  </Text>
                </Group>
              </Combobox.Option>
            ) : null}
          </Combobox.Options>
        </Combobox.Dropdown>
      ) : null}
    </Combobox>
  );
}
