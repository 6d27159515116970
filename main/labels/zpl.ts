// A label layout as ZPL II for Zebra-class printers, in dots at the chosen resolution. GS1 DataMatrix is ^BX with
// "#" as its escape character ("#1" is FNC1: first, and after each variable-length value); GS1-128 is ^BC with
// Zebra's invocation codes. Text is font 0, UTF-8 (^CI28), with ^FH so that ^ ~ and _ in data print as themselves.
import { toElementString } from '../../common/gs1';
import type { Gs1Element } from '../../common/gs1';
import type { LabelDpi } from '../../common/labels/template';
import { dotsPerMm } from '../../common/labels/template';
import { gs1128ZplData } from './gs1-128';
import type { Layout, LayoutElement } from './layout';

/** Not in GS1 character sets 82, 39 or 64, so no GS1 value can contain it. */
const DM_ESCAPE = '#';

/** ^FH data: the hex indicator "_", and ZPL's command prefixes "^" and "~", written as _XX. */
export function fieldHex(text: string): string {
  return text.replace(/[_^~]/g, (c) => `_${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** The element string from the GS1 encoder, with "#1" (FNC1) first and wherever the encoder puts a separator. */
function dataMatrixGs1(elements: readonly Gs1Element[]): string {
  return toElementString(elements, { prefix: `${DM_ESCAPE}1`, separator: `${DM_ESCAPE}1` });
}

const ALIGN = { left: 'L', center: 'C', right: 'R' } as const;

function element(e: LayoutElement, dots: (mm: number) => number): string {
  const at = `^FO${dots(e.x)},${dots(e.y)}`;
  switch (e.kind) {
    case 'text': {
      const h = Math.max(10, dots(e.size));
      const block = e.width === undefined ? '' : `^FB${dots(e.width)},${e.lines},0,${ALIGN[e.align]},0`;
      return `${at}^A0N,${h},${h}${block}^FH^FD${fieldHex(e.text)}^FS`;
    }
    case 'datamatrix': {
      const m = Math.max(1, dots(e.module));
      return e.gs1 ? `${at}^BXN,${m},200,,,,${DM_ESCAPE}^FD${dataMatrixGs1(e.gs1)}^FS` : `${at}^BXN,${m},200^FH^FD${fieldHex(e.text)}^FS`;
    }
    case 'gs1-128': {
      const h = dots(e.height);
      return `${at}^BY${Math.min(10, Math.max(1, dots(e.module)))},3,${h}^BCN,${h},N,N,N^FD${gs1128ZplData(e.gs1)}^FS`;
    }
    case 'box': {
      const w = Math.max(1, dots(e.width));
      const h = Math.max(1, dots(e.height));
      return `${at}^GB${w},${h},${Math.min(dots(e.thickness), w, h) || 1},B,0^FS`;
    }
  }
}

/** One label: ^XA … ^XZ, print width and length set from the template's size. */
export function toZpl(layout: Layout, dpi: LabelDpi): string {
  const dpmm = dotsPerMm[dpi];
  const dots = (mm: number) => Math.round(mm * dpmm);
  return [`^XA`, `^CI28^PW${dots(layout.widthMm)}^LL${dots(layout.heightMm)}^LH0,0`, ...layout.elements.map((e) => element(e, dots)), `^XZ`, ''].join('\n');
}
