// Loads a read command for a screen and loads it again after every write, so open screens stay current.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CommandInput, CommandName, CommandResult } from '../../../common/api/index';
import { ApiError, call, onChanged } from './client';

export type CommandState<T> =
  | { status: 'loading'; data: undefined; error: undefined }
  | { status: 'ready'; data: T; error: undefined }
  | { status: 'error'; data: T | undefined; error: ApiError };

export type LoadedCommand<T> = CommandState<T> & {
  /** Loads again now (also happens by itself after every write). */
  reload: () => void;
};

function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError('INTERNAL', error instanceof Error ? error.message : String(error));
}

/**
 * `input === null` means "nothing to load yet" (e.g. no lot chosen); the state stays `loading`.
 * While a reload is running the previous data stays on screen, so refreshes never flicker.
 */
export function useCommand<K extends CommandName>(name: K, input: CommandInput<K> | null): LoadedCommand<CommandResult<K>> {
  const key = input === null ? null : JSON.stringify(input);
  // The answer is stored with the question it answers: an answer to another question reads as loading.
  const [answer, setAnswer] = useState<{ key: string; state: CommandState<CommandResult<K>> } | null>(null);
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    if (key === null) return;
    const request = ++latest.current;
    call(name, JSON.parse(key) as CommandInput<K>).then(
      (data) => {
        if (request === latest.current) setAnswer({ key, state: { status: 'ready', data, error: undefined } });
      },
      (error: unknown) => {
        if (request !== latest.current) return;
        setAnswer((previous) => ({
          key,
          state: { status: 'error', data: previous?.key === key ? previous.state.data : undefined, error: asApiError(error) },
        }));
      },
    );
  }, [name, key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  useEffect(() => onChanged(reload), [reload]);

  const state: CommandState<CommandResult<K>> =
    answer !== null && answer.key === key ? answer.state : { status: 'loading', data: undefined, error: undefined };
  return { ...state, reload };
}
