// SSCC (AI 00): extension digit + GS1 company prefix + serial reference, 17 digits, then the mod-10 check digit.
import { gs1CheckDigit } from '../gtin';

export interface SsccParts {
  /** One digit the company chooses freely (0–9), e.g. to tell packing lines apart. */
  readonly extension: string;
  /** The GS1 company prefix, 6 to 12 digits. */
  readonly companyPrefix: string;
  /** The number the company gives this logistic unit, under 10^(16 − prefix length). */
  readonly serialReference: number;
}

/** Why the company prefix cannot make SSCCs, or undefined when it can. */
export function companyPrefixProblem(prefix: string): string | undefined {
  return /^\d{6,12}$/.test(prefix) ? undefined : `A GS1 company prefix has 6 to 12 digits, not "${prefix}"`;
}

/** How many serial references a company prefix leaves room for: 10^(16 − its length). */
export function ssccCapacity(companyPrefix: string): number {
  return 10 ** (16 - companyPrefix.length);
}

/** The 18-digit SSCC with its check digit. Throws RangeError on parts that cannot make one. */
export function buildSscc(parts: SsccParts): string {
  const problem = companyPrefixProblem(parts.companyPrefix);
  if (problem) throw new RangeError(problem);
  if (!/^\d$/.test(parts.extension)) throw new RangeError(`The SSCC extension digit is one digit 0–9, not "${parts.extension}"`);
  const width = 16 - parts.companyPrefix.length;
  if (!Number.isSafeInteger(parts.serialReference) || parts.serialReference < 0 || parts.serialReference >= ssccCapacity(parts.companyPrefix)) {
    throw new RangeError(`An SSCC serial reference under company prefix ${parts.companyPrefix} has at most ${width} digits, not ${parts.serialReference}`);
  }
  const body = `${parts.extension}${parts.companyPrefix}${String(parts.serialReference).padStart(width, '0')}`;
  return `${body}${gs1CheckDigit(body)}`;
}

/** Why the text is not a valid SSCC, or undefined when it is one. */
export function ssccProblem(sscc: string): string | undefined {
  if (!/^\d{18}$/.test(sscc)) return `An SSCC has 18 digits, not "${sscc}"`;
  const expected = gs1CheckDigit(sscc.slice(0, 17));
  return Number(sscc.charAt(17)) === expected ? undefined : `SSCC ${sscc}: check digit should be ${expected}`;
}
