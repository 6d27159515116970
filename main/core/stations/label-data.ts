// What a supplier's GS1 label says beyond identity: the expiry date (AI 17) and the quantity (AI 30/37 count,
// AI 310n net kilograms), read for the item it names.
import type { Gs1Element } from '../../../common/gs1';
import { QTY_SCALE } from '../../../common/quantity';

export function elementValue(elements: readonly Gs1Element[], ai: string): string | undefined {
  return elements.find((e) => e.ai === ai)?.value;
}

/** AI 17 YYMMDD as an ISO date: day 00 is the month's last day; the century by GS1's sliding window around `today`. */
export function expiryOf(elements: readonly Gs1Element[], today: Date): string | undefined {
  const value = elementValue(elements, '17');
  if (value === undefined) return undefined;
  const yy = Number(value.slice(0, 2));
  const month = Number(value.slice(2, 4));
  let day = Number(value.slice(4, 6));
  const thisYear = today.getUTCFullYear();
  const century = Math.floor(thisYear / 100) * 100;
  const diff = yy - (thisYear % 100);
  const year = century + yy + (diff >= 51 ? -100 : diff <= -50 ? 100 : 0);
  if (day === 0) day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The label's quantity in thousandths of the item's unit; a reason when it is given in a unit the item is not counted in. */
export function labelQuantity(elements: readonly Gs1Element[], item: { part: string; unit: string }): { qty: number } | { problem: string } | undefined {
  const count = elementValue(elements, '30') ?? elementValue(elements, '37');
  if (count !== undefined) {
    if (item.unit !== 'ea') return { problem: `The label counts ${Number(count)} pieces (AI 30/37), but ${item.part} is counted in ${item.unit}: enter the quantity in ${item.unit} and scan again` };
    return { qty: Number(count) * QTY_SCALE };
  }
  const weight = elements.find((e) => /^310\d$/.test(e.ai));
  if (weight !== undefined) {
    const decimals = Number(weight.ai.charAt(3));
    const kg = Number(weight.value) / 10 ** decimals;
    const perKg = item.unit === 'kg' ? 1 : item.unit === 'g' ? 1000 : undefined;
    if (perKg === undefined) return { problem: `The label gives a net weight in kg (AI ${weight.ai}), but ${item.part} is counted in ${item.unit}: enter the quantity in ${item.unit} and scan again` };
    return { qty: Math.round(kg * perKg * QTY_SCALE) };
  }
  return undefined;
}
