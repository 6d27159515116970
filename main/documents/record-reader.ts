// Reads back what a record PDF carries: the attached record data (the PDF/A-3 associated file) and the SHA-256
// printed on its first page, with pdf.js (the text as a reader sees it, through the fonts' Unicode maps).
import type * as Pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * pdf.js, loaded when a record is first read back. Its legacy build (the one that runs on Node 20) brings core-js
 * polyfills that replace the global JSON.stringify with a slower one, which every audit entry and api answer in the
 * process would then pay for (measured: the scan path's CPU doubled); the native one is put back once it is loaded.
 */
let pdfjs: Promise<typeof Pdfjs> | undefined;
const nativeStringify = JSON.stringify;
/** Puts the native JSON.stringify back (pdf.js's fake worker, imported on first use, polyfills it again). */
const restoreStringify = () => {
  JSON.stringify = nativeStringify;
};
function loadPdfjs(): Promise<typeof Pdfjs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs').finally(restoreStringify);
  return pdfjs;
}

export interface RecordContents {
  pages: number;
  /** The attached file's bytes as stored, or null when the PDF has none of that name. */
  attachment: Buffer | null;
  attachmentNames: string[];
  /** Why the attachments could not be read (a damaged stream), when they could not. */
  attachmentError: string | null;
  /** The hex digest printed after "RECORD DATA SHA-256" on page 1, or null when there is none. */
  printedSha256: string | null;
}

interface TextItem {
  str: string;
}

export async function readRecordPdf(bytes: Uint8Array, attachmentName: string): Promise<RecordContents> {
  try {
    return await read(bytes, attachmentName);
  } finally {
    restoreStringify();
  }
}

async function read(bytes: Uint8Array, attachmentName: string): Promise<RecordContents> {
  const { getDocument } = await loadPdfjs();
  // pdf.js takes over (detaches) the buffer it is given: it gets a copy.
  const task = getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, verbosity: 0 });
  let doc;
  try {
    doc = await task.promise;
  } catch (error) {
    throw new Error(`This is not a readable PDF: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  try {
    let attachments: Record<string, { content: Uint8Array }> = {};
    let attachmentError: string | null = null;
    try {
      attachments = ((await doc.getAttachments()) ?? {}) as Record<string, { content: Uint8Array }>;
    } catch (error) {
      attachmentError = error instanceof Error ? error.message : String(error);
    }
    const found = attachments[attachmentName];
    const page = await doc.getPage(1);
    const text = (await page.getTextContent()).items.map((i) => ('str' in i ? (i as TextItem).str : '')).filter((s) => s.trim() !== '');
    const label = text.findIndex((s) => s.startsWith('RECORD DATA SHA-256'));
    const printed = label < 0 ? undefined : text.slice(label + 1).find((s) => /^[0-9a-f]{64}$/.test(s.trim()));
    return {
      pages: doc.numPages,
      attachment: found ? Buffer.from(found.content) : null,
      attachmentNames: Object.keys(attachments),
      attachmentError,
      printedSha256: printed?.trim() ?? null,
    };
  } finally {
    await doc.destroy();
  }
}
