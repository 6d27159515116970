// Every schema version in order. Versions only increase; a shipped migration is never edited.
import { initial } from './0001-initial';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [{ version: 1, name: 'initial', sql: initial }];

export const LATEST_SCHEMA_VERSION = migrations.at(-1)?.version ?? 0;
