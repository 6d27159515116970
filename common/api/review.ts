// Review by exception: the finished lots and serialised devices awaiting QA's decision, each with only what needs a
// reviewer's eye (out-of-spec results, missing results, deviations, reprints, late entries, open NCs, unverified
// steps), each linked to the entry behind it; a record with none can be approved from the queue.
import { z } from 'zod';
import { command } from './contract';
import { limitField, partField, unitRefField } from './fields';
import type { UnitStatus } from '../domain';
import type { SignatureView } from './signatures';
import { passwordProofField, usernameField } from './users';

export const exceptionKinds = [
  'out-of-spec',
  'missing-result',
  'failed-inspection',
  'substitution',
  'override',
  'reversal',
  'reprint',
  'late-entry',
  'open-nc',
  'unverified-step',
] as const;
export type ExceptionKind = (typeof exceptionKinds)[number];

/** How each kind reads in a list ("Out of spec", "Label reprint"). */
export const exceptionKindTitles: Record<ExceptionKind, string> = {
  'out-of-spec': 'Out of spec',
  'missing-result': 'Missing result',
  'failed-inspection': 'Failed inspection',
  substitution: 'Substitution',
  override: 'Override',
  reversal: 'Reversal',
  reprint: 'Label reprint',
  'late-entry': 'Late entry',
  'open-nc': 'Open nonconformance',
  'unverified-step': 'Step not verified',
};

/** The entry an exception is about: a ledger event, a test result, a nonconformance or a print job. */
export interface ExceptionLink {
  eventId?: number;
  resultId?: number;
  nc?: string;
  printJobId?: number;
  characteristic?: string;
}

export interface ReviewException {
  kind: ExceptionKind;
  /** One sentence for the reviewer: what happened. */
  summary: string;
  link: ExceptionLink;
  at: string | null;
  by: string | null;
}

export type ReviewRecordKind = 'ebr' | 'dhr';

export interface ReviewEntry {
  ref: string;
  kind: 'lot' | 'serial';
  part: string;
  description: string;
  status: UnitStatus;
  workOrder: string | null;
  producedAt: string | null;
  /** The record a reviewer opens and signs: the batch record of a lot, the device history record of a serial. */
  record: { kind: ReviewRecordKind; id: string };
  exceptions: ReviewException[];
  counts: Partial<Record<ExceptionKind, number>>;
  /** The newest reviewed or approved signature of the record that still holds for its content, if any. */
  review: SignatureView | null;
}

export const LATE_ENTRY_SETTING = 'review.lateEntryMinutes';
export const DEFAULT_LATE_ENTRY_MINUTES = 60;

const queueInput = z.strictObject({
  item: partField.optional(),
  kind: z.enum(['lot', 'serial'], { error: 'must be lot or serial' }).optional(),
  limit: limitField.optional(),
});

export const reviewCommands = {
  'review.queue': command<ReviewEntry[]>()({
    input: queueInput,
    writes: false,
    roles: ['qa'],
    action: 'Reviewing batch and device records',
    summary: 'Finished lots and serialised devices awaiting a decision (quarantine or on hold), each with only its exceptions',
  }),
  'review.exceptions': command<ReviewEntry>()({
    input: z.strictObject({ ref: unitRefField }),
    writes: false,
    roles: ['qa'],
    action: 'Reviewing batch and device records',
    summary: 'One lot or serial as the review queue shows it: its record and its exceptions',
  }),
  'review.approve': command<SignatureView>()({
    input: z.strictObject({
      ref: unitRefField,
      meaning: z.enum(['reviewed', 'approved'], { error: 'must be reviewed or approved' }),
      username: usernameField.optional(),
      password: passwordProofField,
    }),
    writes: true,
    roles: ['qa'],
    action: 'Approving a record from the review queue',
    summary: 'Signs the batch or device history record of a lot or serial with no exceptions as reviewed or approved',
  }),
};

export type ReviewCommandName = keyof typeof reviewCommands;
