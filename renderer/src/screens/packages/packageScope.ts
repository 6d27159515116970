// The scope picker's fields as an api scope, and the file a package goes to by default (a `packages` folder beside
// the database, named for the scope and the day).
import type { PackageScope, PackageScopeKind } from '../../../../common/api/packages';

export interface ScopeFields {
  ref: string;
  part: string;
  from: string;
  to: string;
  number: string;
  campaign: string;
}

export const scopeLabels: Record<PackageScopeKind, string> = {
  lot: 'Lot',
  serial: 'Serial',
  item: 'Item and dates',
  workOrder: 'Work order',
  campaign: 'Recall campaign',
};

/** The scope, or null while a field it needs is empty. */
export function scopeFrom(kind: PackageScopeKind, f: ScopeFields): PackageScope | null {
  const t = (s: string) => s.trim();
  switch (kind) {
    case 'lot':
    case 'serial':
      return t(f.ref) ? { by: kind, ref: t(f.ref) } : null;
    case 'item':
      return t(f.part) && f.from && f.to ? { by: 'item', part: t(f.part), from: f.from, to: f.to } : null;
    case 'workOrder':
      return t(f.number) ? { by: 'workOrder', number: t(f.number) } : null;
    case 'campaign':
      return t(f.campaign) ? { by: 'campaign', id: t(f.campaign) } : null;
  }
}

function scopeName(scope: PackageScope): string {
  switch (scope.by) {
    case 'lot':
    case 'serial':
      return scope.ref;
    case 'item':
      return `${scope.part}-${scope.from}-${scope.to}`;
    case 'workOrder':
      return scope.number;
    case 'campaign':
      return scope.id;
  }
}

/** `/data/lotline.db` and lot `SET-IV2:26-018` on 2026-11-26 → `/data/packages/audit-package-SET-IV2_26-018-2026-11-26.zip` */
export function defaultPackageFile(databasePath: string, scope: PackageScope, now: Date): string {
  const cut = Math.max(databasePath.lastIndexOf('/'), databasePath.lastIndexOf('\\'));
  const folder = cut < 0 ? '.' : databasePath.slice(0, cut);
  const separator = databasePath.includes('\\') && !databasePath.includes('/') ? '\\' : '/';
  const name = scopeName(scope).replace(/[^A-Za-z0-9._-]+/g, '_');
  return `${folder}${separator}packages${separator}audit-package-${name}-${now.toISOString().slice(0, 10)}.zip`;
}
