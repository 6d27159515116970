// A PDF drawn page by page onto canvases with pdf.js (Chromium's own PDF viewer does not run in every shell, and
// never headless). Each page's text is kept beside its canvas for screen readers and find-in-page.
import { useEffect, useRef, useState } from 'react';
import { Alert, Group, Loader, Stack, Text } from '@mantine/core';
import { loadPdfjs } from './pdfjs';
import classes from './PdfPages.module.css';

/** Pages drawn at once; a longer record says so and is read in full from its download. */
const MAX_PAGES = 40;

function base64Bytes(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

interface PageView {
  number: number;
  text: string;
}

/** Give it a `key` of the content: a new PDF is a new component, drawn from its first page. */
export function PdfPages({ base64, label }: { base64: string; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  const drawn = useRef(new Map<number, HTMLCanvasElement>());
  const [pages, setPages] = useState<PageView[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    const canvases = drawn.current;
    canvases.clear();
    const draw = async () => {
      const pdfjs = await loadPdfjs();
      const doc = await pdfjs.getDocument({ data: base64Bytes(base64), isEvalSupported: false }).promise;
      if (cancelled) return void doc.destroy();
      setTotal(doc.numPages);
      const width = Math.max(400, (host.current?.clientWidth ?? 800) - 2);
      for (let n = 1; n <= Math.min(doc.numPages, MAX_PAGES) && !cancelled; n++) {
        const page = await doc.getPage(n);
        const base = page.getViewport({ scale: 1 });
        const scale = width / base.width;
        const ratio = window.devicePixelRatio || 1;
        const viewport = page.getViewport({ scale: scale * ratio });
        const canvas = document.createElement('canvas');
        canvas.width = Math.floor(viewport.width);
        canvas.height = Math.floor(viewport.height);
        canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
        canvas.className = classes.page ?? '';
        canvas.setAttribute('aria-hidden', 'true');
        canvas.dataset.page = String(n);
        await page.render({ canvas, viewport }).promise;
        const content = await page.getTextContent();
        const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : '')).join('');
        if (cancelled) break;
        canvas.dataset.rendered = 'true';
        canvases.set(n, canvas);
        setPages((previous) => [...previous, { number: n, text }]);
      }
      if (!cancelled) setDone(true);
      await doc.destroy();
    };
    draw().catch((e: unknown) => {
      if (!cancelled) setError(e instanceof Error ? e.message : String(e));
    });
    return () => {
      cancelled = true;
      for (const c of canvases.values()) c.remove();
      canvases.clear();
    };
  }, [base64]);

  return (
    <Stack gap="sm" ref={host} data-testid="pdf-view" data-ready={done ? 'true' : 'false'} aria-label={label}>
      {error ? (
        <Alert color="red" title="The record could not be shown">
          {error}. Download the PDF to read it.
        </Alert>
      ) : null}
      {!done && !error ? (
        <Group gap="xs">
          <Loader size="sm" />
          <Text size="sm" c="dimmed">
            {total === null ? 'Opening the record…' : `Drawing page ${pages.length + 1} of ${Math.min(total, MAX_PAGES)}…`}
          </Text>
        </Group>
      ) : null}
      {pages.map((p) => (
        <figure key={p.number} className={classes.figure} data-testid="pdf-page">
          <div
            ref={(slot) => {
              const canvas = drawn.current.get(p.number);
              if (slot && canvas && canvas.parentElement !== slot) slot.replaceChildren(canvas);
            }}
          />
          <figcaption className={classes.text} data-testid="pdf-page-text">
            {p.text}
          </figcaption>
        </figure>
      ))}
      {total !== null && total > MAX_PAGES && done ? (
        <Text size="sm" c="dimmed">
          Pages 1–{MAX_PAGES} of {total} are shown here; download the PDF for the rest.
        </Text>
      ) : null}
    </Stack>
  );
}
