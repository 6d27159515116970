// The shape of one Application Identifier as the GS1 Barcode Syntax Dictionary describes it (see ai-table.generated.ts).
import type { LinterName } from './linters';

/** N: digits; X: GS1 character set 82; Y: character set 39; Z: character set 64 (base64url). */
export type Charset = 'N' | 'X' | 'Y' | 'Z';

/** One component of an AI's data field, e.g. `N6,yymmd0` or `[X..17]`. */
export interface AiComponent {
  readonly charset: Charset;
  readonly min: number;
  readonly max: number;
  /** Optional components may be left out once the data is exhausted; no mandatory component follows one. */
  readonly optional: boolean;
  /** The dictionary's linters this module checks, in order. */
  readonly linters: readonly LinterName[];
  /** The dictionary's linters this module does not check (see UNCHECKED_LINTER_REASONS). */
  readonly unchecked: readonly string[];
}

export interface AiDefinition {
  readonly ai: string;
  readonly title: string;
  /** The `*` flag: a predefined-length AI, never followed by an FNC1 separator. */
  readonly predefinedLength: boolean;
  /** The `?` flag: may be a GS1 Digital Link data attribute (query parameter). */
  readonly dlAttribute: boolean;
  readonly components: readonly AiComponent[];
  readonly minLength: number;
  readonly maxLength: number;
  /**
   * Each `req=` attribute: a list of alternatives, each alternative a list of AIs or patterns (`n` = any digit)
   * that must all be present. Every `req=` attribute must be met by one of its alternatives.
   */
  readonly req: readonly (readonly (readonly string[])[])[];
  /** Each `ex=` attribute: AIs or patterns that may not appear with this AI (an AI never excludes itself). */
  readonly ex: readonly (readonly string[])[];
  /** `dlpkey`: a GS1 Digital Link primary key with its alternative ordered qualifier sequences ([[]] = no qualifiers). */
  readonly dlPrimaryKey: readonly (readonly string[])[] | null;
  /** Other attributes, kept for completeness (e.g. `dlattr`). */
  readonly otherAttributes: readonly string[];
}
