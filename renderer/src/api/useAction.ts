// Runs a form's command: busy while it runs, and its refusal handed back as an ApiError (never thrown) to show as it is.
import { useCallback, useState } from 'react';
import { ApiError } from './client';

export type ActionOutcome<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError('INTERNAL', error instanceof Error ? error.message : String(error));
}

export function useAction() {
  const [busy, setBusy] = useState(false);
  const run = useCallback(async <T>(work: () => Promise<T>): Promise<ActionOutcome<T>> => {
    setBusy(true);
    try {
      return { ok: true, value: await work() };
    } catch (error) {
      return { ok: false, error: toApiError(error) };
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, run };
}
