// The result types shared by every GS1 form: an element is one AI with its value.

export interface Gs1Element {
  readonly ai: string;
  readonly value: string;
  /** The dictionary's short title of the AI, e.g. "BATCH/LOT". */
  readonly title: string;
}

export type ElementsResult = { readonly ok: true; readonly elements: Gs1Element[] } | { readonly ok: false; readonly error: string };

export type FormatResult = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly error: string };

export const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });
