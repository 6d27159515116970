// The live preview: labels.render as PNG (a rendering of exactly the ZPL the printer gets), asked again a moment after
// the template, the label's subject or the resolution last changed, and again after any write (an edited template
// saved elsewhere). The last image stays on screen while the next one renders; an answer to an older request is dropped.
import { useEffect, useRef, useState } from 'react';
import type { CommandInput, RenderedLabel } from '../../../../common/api/index';
import { ApiError, call, onChanged } from '../../api/client';

export type PreviewRequest = CommandInput<'labels.render'>;

export interface LabelPreview {
  label: RenderedLabel | null;
  error: ApiError | null;
  pending: boolean;
}

const asApiError = (error: unknown) =>
  error instanceof ApiError ? error : new ApiError('INTERNAL', error instanceof Error ? error.message : String(error));

interface Answer {
  key: string;
  label: RenderedLabel | null;
  error: ApiError | null;
}

export function useLabelPreview(request: PreviewRequest | null, delayMs = 350): LabelPreview {
  const key = request === null ? null : JSON.stringify(request);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);

  useEffect(() => onChanged(() => setGeneration((g) => g + 1)), []);

  useEffect(() => {
    const id = ++latest.current;
    if (key === null) return;
    const timer = setTimeout(() => {
      call('labels.render', { ...(JSON.parse(key) as PreviewRequest), format: 'png' }).then(
        (label) => {
          if (id === latest.current) setAnswer({ key, label, error: null });
        },
        (error: unknown) => {
          // The last image stays (dimmed) beside the reason the new one could not be drawn.
          if (id === latest.current) setAnswer((a) => ({ key, label: a?.label ?? null, error: asApiError(error) }));
        },
      );
    }, delayMs);
    return () => clearTimeout(timer);
  }, [key, delayMs, generation]);

  if (key === null) return { label: null, error: null, pending: false };
  // Until the next answer, the last one stays: no flicker while typing.
  return { label: answer?.label ?? null, error: answer?.error ?? null, pending: answer?.key !== key };
}
