// Error codes shared by every door (IPC, web host, CLI). Messages are written for the person who reads them.
export const errorCodes = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'STATUS',
  'QUANTITY',
  'FORBIDDEN',
  /** No session, or it ended (signed out, idle too long): the renderer shows the sign-in screen. */
  'UNAUTHENTICATED',
  'DEVICE',
  'UNKNOWN_COMMAND',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export class LotlineError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'LotlineError';
    this.code = code;
    this.details = details;
  }
  toBody(): ErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };

export const notFound = (what: string): LotlineError => new LotlineError('NOT_FOUND', `${what} was not found`);
