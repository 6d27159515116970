// Reads an EPCIS JSON document in bounded memory: a small synchronous scanner walks the text chunk by
// chunk (strings, escapes, nesting), hands over each event of epcisBody.eventList as its own JSON text,
// and keeps everything else as the document header. Synchronous on purpose: the import runs inside the
// dispatcher's one write transaction. It says where the eventList starts (with the header read so far) and
// how many bytes it has read after each chunk, for progress.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Where the document's text comes from: a file read in chunks, or text already in memory. */
export interface DocumentSource {
  /** The size of the document in bytes (UTF-8). */
  readonly bytes: number;
  /** Calls `chunk` with consecutive pieces of the text, from the beginning, and the bytes each was read from. */
  chunks(chunk: (text: string, bytes: number) => void): void;
  /** What another thread needs to read the same text the same way. */
  readonly origin: SourceOrigin;
}

export type SourceOrigin = { file: string; chunkBytes: number } | { text: string; chunkChars: number };

/** The source an origin describes (in the thread it was handed to). */
export function sourceOf(origin: SourceOrigin): DocumentSource {
  return 'file' in origin ? fileSource(origin.file, origin.chunkBytes) : textSource(origin.text, origin.chunkChars);
}

export function fileSource(path: string, chunkBytes = 1 << 20): DocumentSource {
  let size: number | undefined;
  return {
    origin: { file: path, chunkBytes },
    get bytes() {
      if (size === undefined) {
        const fd = openSync(path, 'r');
        try {
          size = fstatSync(fd).size;
        } finally {
          closeSync(fd);
        }
      }
      return size;
    },
    chunks(chunk) {
      const fd = openSync(path, 'r');
      try {
        const buffer = Buffer.allocUnsafe(chunkBytes);
        const decoder = new TextDecoder('utf-8', { fatal: true });
        for (;;) {
          const n = readSync(fd, buffer, 0, chunkBytes, null);
          if (n === 0) break;
          chunk(decoder.decode(buffer.subarray(0, n), { stream: true }), n);
        }
        chunk(decoder.decode(), 0);
      } finally {
        closeSync(fd);
      }
    },
  };
}

export function textSource(text: string, chunkChars = 1 << 20): DocumentSource {
  return {
    origin: { text, chunkChars },
    bytes: Buffer.byteLength(text),
    chunks(chunk) {
      for (let at = 0; at < text.length; at += chunkChars) {
        const piece = text.slice(at, at + chunkChars);
        chunk(piece, Buffer.byteLength(piece));
      }
    },
  };
}

export class DocumentSyntaxError extends Error {}

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const COLON = 58;
const COMMA = 44;

export interface ScanListeners {
  /** When the eventList opens, with the header before it (`onHeader` must be given too). */
  onListStart?: (before: string) => void;
  /** After each chunk: the bytes read so far and the events handed over. */
  onChunk?: (bytes: number, events: number) => void;
}

/**
 * One pass over the document. `onEvent` gets each event's JSON text; `onHeader` gets the rest of the
 * document with an empty eventList. Either may be left out to skip the work it needs.
 */
export function scanDocument(source: DocumentSource, onEvent?: (text: string, index: number) => void, onHeader?: (text: string) => void, listeners: ScanListeners = {}): number {
  const stack: number[] = [];
  const keys: (string | null)[] = [];
  let inString = false;
  let escape = false;
  let expectKey = false;
  let capturingKey = false;
  let keyBuf = '';
  let lastKey: string | null = null;
  let inEventList = false;
  let eventParts: string[] | null = null;
  let eventStart = -1;
  let headerParts: string[] = [];
  let headerStart = 0;
  let index = 0;
  let offset = 0;
  let bytesRead = 0;

  source.chunks((chunk, bytes) => {
    headerStart = 0;
    /** Where the chunk's next backslash is at or after the string being read (its length when none is left). */
    let backslash = -1;
    if (eventParts) eventStart = 0;
    const length = chunk.length;
    for (let i = 0; i < length; i++) {
      if (inString) {
        if (escape) {
          escape = false;
          if (capturingKey) keyBuf += chunk[i];
          continue;
        }
        // Straight to the string's next quote or backslash (searched for once a chunk, then again only past each one):
        // most of a document is the text inside its strings, and most documents have no backslash at all.
        if (backslash < i) {
          backslash = chunk.indexOf('\\', i);
          if (backslash === -1) backslash = length;
        }
        let end = chunk.indexOf('"', i);
        if (end === -1 || end > backslash) end = backslash;
        if (capturingKey && end > i) keyBuf += chunk.slice(i, end);
        i = end;
        if (end === length) break;
        if (chunk.charCodeAt(end) === BACKSLASH) {
          escape = true;
          if (capturingKey) keyBuf += '\\';
        } else {
          inString = false;
          if (capturingKey) {
            capturingKey = false;
            lastKey = keyBuf.includes('\\') ? (JSON.parse(`"${keyBuf}"`) as string) : keyBuf;
          }
        }
        continue;
      }
      const c = chunk.charCodeAt(i);
      switch (c) {
        case QUOTE:
          inString = true;
          if (expectKey && stack.at(-1) === OPEN_OBJECT) {
            capturingKey = true;
            keyBuf = '';
          }
          break;
        case COLON:
          expectKey = false;
          break;
        case COMMA:
          expectKey = stack.at(-1) === OPEN_OBJECT;
          break;
        case OPEN_OBJECT:
        case OPEN_ARRAY:
          if (inEventList && stack.length === 3 && c === OPEN_OBJECT) {
            eventParts = [];
            eventStart = i;
          }
          keys.push(stack.at(-1) === OPEN_OBJECT ? lastKey : null);
          stack.push(c);
          expectKey = c === OPEN_OBJECT;
          if (c === OPEN_ARRAY && stack.length === 3 && keys[2] === 'eventList' && keys[1] === 'epcisBody' && stack[0] === OPEN_OBJECT && stack[1] === OPEN_OBJECT) {
            inEventList = true;
            if (onHeader) {
              headerParts.push(chunk.slice(headerStart, i + 1));
              listeners.onListStart?.(headerParts.join(''));
            }
          }
          break;
        case CLOSE_OBJECT:
        case CLOSE_ARRAY: {
          const open = stack.pop();
          keys.pop();
          if (open === undefined || (open === OPEN_OBJECT) !== (c === CLOSE_OBJECT)) throw new DocumentSyntaxError(`The document is not valid JSON: unexpected "${chunk[i]}" at character ${offset + i}`);
          if (eventParts && stack.length === 3) {
            eventParts.push(chunk.slice(eventStart, i + 1));
            if (onEvent) onEvent(eventParts.join(''), index);
            index++;
            eventParts = null;
          } else if (inEventList && stack.length === 2) {
            inEventList = false;
            headerStart = i;
          }
          expectKey = false;
          break;
        }
        default:
          break;
      }
    }
    if (eventParts && onEvent) eventParts.push(chunk.slice(eventStart));
    if (onHeader && !inEventList) headerParts.push(chunk.slice(headerStart));
    offset += chunk.length;
    bytesRead += bytes;
    listeners.onChunk?.(bytesRead, index);
  });
  if (inString || stack.length > 0) throw new DocumentSyntaxError('The document is not valid JSON: it ends before its last value is closed');
  if (onHeader) {
    onHeader(headerParts.join(''));
    headerParts = [];
  }
  return index;
}
