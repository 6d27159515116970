// pdf.js for the record viewer, loaded the first time a record is shown (it is large) with its worker served from
// our own origin (the CSP allows scripts and workers from 'self' only).
import type * as Pdfjs from 'pdfjs-dist';

let loading: Promise<typeof Pdfjs> | undefined;

/** Map upsert (getOrInsertComputed), which pdf.js 5 calls, arrived in Chromium only recently; older shells get it here. */
function ensureMapUpsert(): void {
  for (const Kind of [Map, WeakMap] as const) {
    const proto = Kind.prototype as unknown as Record<string, unknown>;
    if (typeof proto.getOrInsertComputed === 'function') continue;
    Object.defineProperty(proto, 'getOrInsertComputed', {
      configurable: true,
      writable: true,
      value(this: Map<unknown, unknown>, key: unknown, make: (key: unknown) => unknown) {
        if (this.has(key)) return this.get(key);
        const value = make(key);
        this.set(key, value);
        return value;
      },
    });
    if (typeof proto.getOrInsert !== 'function') {
      Object.defineProperty(proto, 'getOrInsert', {
        configurable: true,
        writable: true,
        value(this: Map<unknown, unknown>, key: unknown, value: unknown) {
          if (!this.has(key)) this.set(key, value);
          return this.get(key);
        },
      });
    }
  }
}

export function loadPdfjs(): Promise<typeof Pdfjs> {
  ensureMapUpsert();
  loading ??= Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]).then(([pdfjs, worker]) => {
    pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
    return pdfjs;
  });
  return loading;
}
