// Every schema version in order. Versions only increase; a shipped migration is never edited.
import { initial } from './0001-initial';
import { epcis } from './0002-epcis';
import { printJobs } from './0003-print-jobs';
import { cases } from './0004-cases';
import { labelTemplates } from './0005-label-templates';
import { usersSignatures } from './0006-users-signatures';
import { quality } from './0007-quality';
import { recall } from './0008-recall';
import { packages } from './0009-packages';
import { epcisHashBlob } from './0010-epcis-hash-blob';
import { auditMoves } from './0011-audit-moves';
import { workOrderReads } from './0012-work-order-reads';
import { samplingEvents } from './0013-sampling-events';
import { unitQuantitiesIndex } from './0014-unit-quantities-index';
import { epcisEventsByTime } from './0015-epcis-events-by-time';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'epcis', sql: epcis },
  { version: 3, name: 'print-jobs', sql: printJobs },
  { version: 4, name: 'cases', sql: cases },
  { version: 5, name: 'label-templates', sql: labelTemplates },
  { version: 6, name: 'users-signatures', sql: usersSignatures },
  { version: 7, name: 'quality', sql: quality },
  { version: 8, name: 'recall', sql: recall },
  { version: 9, name: 'packages', sql: packages },
  { version: 10, name: 'epcis-hash-blob', sql: epcisHashBlob },
  { version: 11, name: 'audit-moves', sql: auditMoves },
  { version: 12, name: 'work-order-reads', sql: workOrderReads },
  { version: 13, name: 'sampling-events', sql: samplingEvents },
  { version: 14, name: 'unit-quantities-index', sql: unitQuantitiesIndex },
  { version: 15, name: 'epcis-events-by-time', sql: epcisEventsByTime },
];

export const LATEST_SCHEMA_VERSION = migrations.at(-1)?.version ?? 0;
