// How api envelopes travel over HTTP: status codes per error code, JSON bodies with a size limit.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Envelope, ErrorBody, ErrorCode } from '../../common/errors';

export const DEFAULT_BODY_LIMIT = 5 * 1024 * 1024;

const statusByCode: Record<ErrorCode, number> = {
  VALIDATION: 400,
  NOT_FOUND: 404,
  UNKNOWN_COMMAND: 404,
  CONFLICT: 409,
  STATUS: 409,
  QUANTITY: 409,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  DEVICE: 500,
  INTERNAL: 500,
};

export function httpStatusFor(envelope: Envelope<unknown>): number {
  return envelope.ok ? 200 : (statusByCode[envelope.error.code] ?? 500);
}

export function failure(code: ErrorCode, message: string, details?: unknown): { ok: false; error: ErrorBody } {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details } };
}

export function sendEnvelope(
  res: ServerResponse,
  envelope: Envelope<unknown>,
  status = httpStatusFor(envelope),
  headers: Record<string, string> = {},
): void {
  let body: string;
  try {
    body = JSON.stringify(envelope);
  } catch (error) {
    // A result JSON cannot carry (a BigInt, a cycle) is a bug in the command, not the caller's fault.
    status = 500;
    body = JSON.stringify(failure('INTERNAL', `The result could not be sent as JSON: ${messageOf(error)}`));
  }
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

export class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'BodyError';
  }
}

function describeBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** Reads the request body, refusing it as soon as it passes `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const tooLarge = (): BodyError =>
    new BodyError(413, `The request body is larger than the ${describeBytes(limit)} this host accepts; send less data per request.`);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const onData = (chunk: Buffer): void => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        req.off('data', onData);
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(chunks));
    });
    req.once('error', (error) => {
      if (done) return;
      done = true;
      reject(error);
    });
  });
}

/** Parses a JSON body; an empty body means `{}` (commands without input need not send one). */
export function parseJsonBody(body: Buffer): { ok: true; value: unknown } | { ok: false; error: ErrorBody } {
  const text = body.toString('utf8');
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return failure('VALIDATION', `The request body is not valid JSON (${messageOf(error)}).`);
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
