// Where two JSON values differ, by path: what `record verify` says when a PDF's data and the database's disagree.
import type { RecordDifference } from '../../../common/api/records';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function jsonDifferences(inPdf: unknown, now: unknown, path = '', out: RecordDifference[] = [], limit = 200): RecordDifference[] {
  if (out.length >= limit) return out;
  if (Array.isArray(inPdf) && Array.isArray(now)) {
    for (let i = 0; i < Math.max(inPdf.length, now.length); i++) jsonDifferences(inPdf[i], now[i], `${path}[${i}]`, out, limit);
    return out;
  }
  if (isObject(inPdf) && isObject(now)) {
    for (const key of [...new Set([...Object.keys(inPdf), ...Object.keys(now)])].sort()) {
      jsonDifferences(inPdf[key], now[key], path ? `${path}.${key}` : key, out, limit);
    }
    return out;
  }
  if (JSON.stringify(inPdf) !== JSON.stringify(now)) out.push({ path: path || '(whole record)', inPdf: inPdf ?? null, now: now ?? null });
  return out;
}
