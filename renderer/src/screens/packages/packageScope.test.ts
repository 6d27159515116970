import { describe, expect, it } from 'vitest';
import { defaultPackageFile, scopeFrom } from './packageScope';

const empty = { ref: '', part: '', from: '', to: '', number: '', campaign: '' };

describe('the package scope picker', () => {
  it('gives a scope only when the fields it needs are filled', () => {
    expect(scopeFrom('lot', empty)).toBeNull();
    expect(scopeFrom('lot', { ...empty, ref: ' SET-IV2:26-018 ' })).toEqual({ by: 'lot', ref: 'SET-IV2:26-018' });
    expect(scopeFrom('item', { ...empty, part: 'SET-IV2', from: '2026-01-01' })).toBeNull();
    expect(scopeFrom('item', { ...empty, part: 'SET-IV2', from: '2026-01-01', to: '2026-12-31' })).toEqual({ by: 'item', part: 'SET-IV2', from: '2026-01-01', to: '2026-12-31' });
    expect(scopeFrom('workOrder', { ...empty, number: 'WO-26202' })).toEqual({ by: 'workOrder', number: 'WO-26202' });
    expect(scopeFrom('campaign', { ...empty, campaign: 'RC-2026-001' })).toEqual({ by: 'campaign', id: 'RC-2026-001' });
  });

  it('writes to a packages folder beside the database, named for the scope and the day', () => {
    const day = new Date('2026-11-26T10:00:00Z');
    expect(defaultPackageFile('/data/lotline.db', { by: 'lot', ref: 'SET-IV2:26-018' }, day)).toBe('/data/packages/audit-package-SET-IV2_26-018-2026-11-26.zip');
    expect(defaultPackageFile('C:\\Lotline\\site.db', { by: 'serial', ref: 'PUMP#PX 1' }, day)).toBe('C:\\Lotline\\packages\\audit-package-PUMP_PX_1-2026-11-26.zip');
    expect(defaultPackageFile('site.db', { by: 'item', part: 'RES-PC', from: '2026-01-01', to: '2026-06-30' }, day)).toBe('./packages/audit-package-RES-PC-2026-01-01-2026-06-30-2026-11-26.zip');
  });
});
