// GS1 mod-10 check digits for GTIN-8/12/13/14 (and any GS1 key using the same algorithm).

/** The check digit the GS1 algorithm expects for the given digits without their last one. */
export function gs1CheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** Why a GTIN is invalid, or undefined when it is valid. */
export function gtinProblem(gtin: string): string | undefined {
  if (!/^\d+$/.test(gtin)) return 'must contain digits only';
  if (![8, 12, 13, 14].includes(gtin.length)) return `must have 8, 12, 13 or 14 digits (has ${gtin.length})`;
  const expected = gs1CheckDigit(gtin.slice(0, -1));
  if (Number(gtin.at(-1)) !== expected) return `check digit should be ${expected}`;
  return undefined;
}

/** GTINs are stored as GTIN-14 so that 8/12/13-digit forms of the same key match. */
export function toGtin14(gtin: string): string {
  return gtin.padStart(14, '0');
}
