// Electronic signatures (21 CFR Part 11 §11.50, 11.70, 11.100, 11.200; EU GMP Annex 11 §14): signatures.sign and signatures.list.
import { z } from 'zod';
import { command } from './contract';
import { passwordProofField, usernameField } from './users';

export const signatureMeanings = ['authored', 'performed', 'verified', 'reviewed', 'approved', 'released', 'rejected'] as const;
export type SignatureMeaning = (typeof signatureMeanings)[number];

/** Meanings the author or performer of a record may not also give where the two-person rule applies to its kind. */
export const secondPersonMeanings: readonly SignatureMeaning[] = ['verified', 'reviewed', 'approved', 'released', 'rejected'];

export const recordKindField = z.string().trim().regex(/^[a-z][a-z0-9-]{1,39}$/, 'must be a record kind like lot-decision');
export const recordIdField = z.string().trim().min(1, 'must not be empty').max(200);

export const recordField = z.object({ kind: recordKindField, id: recordIdField });

/** The signing components: the user ID at the first signing of a session (always without one), the password every time. */
export const signingFields = {
  meaning: z.enum(signatureMeanings),
  username: usernameField.optional(),
  password: passwordProofField,
};

export interface SignatureView {
  id: number;
  record: { kind: string; id: string };
  meaning: SignatureMeaning;
  username: string;
  printedName: string;
  /** Local time with its zone, e.g. 2026-05-06T14:03:22+01:00. */
  signedAt: string;
  /** SHA-256 of exactly the content signed (bound to the record's kind and id). */
  contentSha256: string;
  /** Null while valid; otherwise why not ("no longer valid: the record changed after signing"). */
  invalidReason: string | null;
  valid: boolean;
}

export interface SignableRecord {
  kind: string;
  id: string;
  /** What the record is, for people ("Status decision: Lot RES-PC:R26124-01 released"). */
  title: string;
  /** SHA-256 of the record's content as it is now: what a signature made now would sign. */
  contentSha256: string;
  /** The record's content, exactly as hashed (canonical JSON). */
  content: string;
  signatures: SignatureView[];
}

export const signatureCommands = {
  'signatures.sign': command<SignatureView>()({
    input: z.object({ record: recordField, ...signingFields }),
    writes: true,
    summary: 'Sign a record with a stated meaning, with user ID (first signing of a session) and password',
    action: 'Signing a record',
  }),
  'signatures.list': command<SignableRecord>()({
    input: z.object({ record: recordField }),
    writes: false,
    summary: "A record's content hash and its signatures, each with whether it is still valid",
  }),
};

export type SignatureCommandName = keyof typeof signatureCommands;
