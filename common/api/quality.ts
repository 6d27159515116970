// Quality records: test specifications per item (versioned, approved), test results per lot or serial judged against
// the spec in force when the test was made, nonconformances (NC-####) with their investigation, and supplier certificates.
import { z } from 'zod';
import { command } from './contract';
import { nameField, partField, reasonField, timeField, unitRefField } from './fields';
import { signingFields } from './signatures';

export const specStages = ['incoming', 'in_process', 'finished', 'acceptance'] as const;
export type SpecStage = (typeof specStages)[number];

export const ncDispositions = ['use_as_is', 'rework', 'scrap', 'return_to_supplier', 'reject'] as const;
export type NcDisposition = (typeof ncDispositions)[number];

export const certificateKinds = ['CoA', 'CoC'] as const;
export type CertificateKind = (typeof certificateKinds)[number];

/** Largest supplier certificate accepted (the file is kept in the database). */
export const MAX_CERTIFICATE_BYTES = 10 * 1024 * 1024;

/** A characteristic is measured (a number within limits, inclusive) or observed (a text that must match). */
export type CharacteristicCriterion =
  { kind: 'numeric'; unit: string; lower: number | null; upper: number | null } | { kind: 'text'; expected: string };

export interface SpecCharacteristic {
  name: string;
  method: string;
  sampleSize: number;
  criterion: CharacteristicCriterion;
}

export type SpecStatus = 'draft' | 'approved';

export interface SpecVersion {
  part: string;
  description: string;
  version: number;
  stage: SpecStage;
  note: string | null;
  status: SpecStatus;
  /** From when an approved version judges results (the newest approved version whose time has come is in force). */
  effectiveFrom: string | null;
  /** Whether this version is the one in force now. */
  inForce: boolean;
  createdAt: string;
  createdBy: string;
  approvedAt: string | null;
  approvedBy: string | null;
  characteristics: SpecCharacteristic[];
}

/** An item's spec family: every version, newest first. */
export interface ItemSpecs {
  part: string;
  description: string;
  versions: SpecVersion[];
}

export type TestOutcome = 'pass' | 'fail';

export interface TestResult {
  id: number;
  ref: string;
  characteristic: string;
  method: string;
  /** The spec version the result was judged against: the one in force at `testedAt`. */
  specVersion: number;
  criterion: CharacteristicCriterion;
  value: number | string;
  outcome: TestOutcome;
  equipment: string | null;
  testedAt: string;
  testedBy: string;
  recordedAt: string;
  /** The earlier result this one corrects, and why. */
  supersedes: number | null;
  correctionReason: string | null;
  /** The result that corrects this one (this one then no longer counts). */
  supersededBy: number | null;
  /** The nonconformance an out-of-spec result was investigated under. */
  nonconformance: { number: string; status: NcStatus } | null;
}

export interface UnitTests {
  ref: string;
  part: string;
  /** The spec in force now: what a new result is judged against (null when the item has none approved). */
  spec: SpecVersion | null;
  /** Every result, oldest first: corrections and what they superseded both kept. */
  results: TestResult[];
}

export type NcStatus = 'open' | 'closed';

export interface Nonconformance {
  number: string;
  ref: string;
  part: string;
  title: string;
  description: string;
  rootCause: string | null;
  disposition: NcDisposition | null;
  status: NcStatus;
  openedAt: string;
  openedBy: string;
  closedAt: string | null;
  closedBy: string | null;
  /** The out-of-spec results investigated under it. */
  results: number[];
}

export interface Certificate {
  id: number;
  ref: string;
  kind: CertificateKind;
  fileName: string;
  mediaType: string;
  bytes: number;
  sha256: string;
  note: string | null;
  attachedAt: string;
  attachedBy: string;
}

export interface CertificateFile extends Certificate {
  /** The file exactly as attached (checked against its SHA-256 when read). */
  contentBase64: string;
}

const textField = (what: string, max: number) =>
  z.string().trim().min(1, `must give the ${what}`).max(max, `must be at most ${max} characters`);
const limitValue = z.number({ error: 'must be a number' }).finite('must be a finite number');

const characteristicInput = z
  .strictObject({
    name: textField('characteristic name', 80),
    method: textField('test method', 120),
    sampleSize: z
      .number({ error: 'must be a whole number of samples' })
      .int('must be a whole number of samples')
      .min(1, 'must be at least 1')
      .max(10_000),
    unit: z.string().trim().min(1).max(20).optional(),
    lower: limitValue.optional(),
    upper: limitValue.optional(),
    expected: textField('expected value', 120).optional(),
  })
  .superRefine((c, ctx) => {
    const numeric = c.lower !== undefined || c.upper !== undefined;
    if (numeric && c.expected !== undefined)
      ctx.addIssue({ code: 'custom', message: 'give limits (lower/upper) or an expected text value, not both', path: ['expected'] });
    if (!numeric && c.expected === undefined)
      ctx.addIssue({ code: 'custom', message: 'give a lower or upper limit (or both), or an expected text value', path: ['lower'] });
    if (numeric && c.unit === undefined)
      ctx.addIssue({ code: 'custom', message: 'a measured characteristic needs its unit', path: ['unit'] });
    if (c.lower !== undefined && c.upper !== undefined && c.lower > c.upper)
      ctx.addIssue({ code: 'custom', message: `the lower limit ${c.lower} is above the upper limit ${c.upper}`, path: ['lower'] });
  });
export type CharacteristicInput = z.input<typeof characteristicInput>;

const specVersionField = z.number({ error: 'must be a version number' }).int().min(1, 'versions start at 1');

export const createSpecInput = z.strictObject({
  part: partField,
  stage: z.enum(specStages, { error: `must be one of ${specStages.join(', ')}` }),
  note: z.string().trim().max(500).optional(),
  characteristics: z
    .array(characteristicInput)
    .min(1, 'a spec needs at least one characteristic')
    .max(100)
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((c, i) => {
        const key = c.name.trim().toLowerCase();
        if (seen.has(key)) ctx.addIssue({ code: 'custom', message: `“${c.name}” is listed twice`, path: [i, 'name'] });
        seen.add(key);
      });
    }),
});

/** A measured value as a number, an observed one as text; a number given as text (the CLI) is read as a number. */
const resultValue = z.union([limitValue, z.string().trim().min(1, 'must give the value').max(200)], {
  error: 'must be a number or a text value',
});
const equipmentField = z.string().trim().min(1).max(60, 'must be at most 60 characters');

export const recordResultInput = z.strictObject({
  ref: unitRefField,
  characteristic: textField('characteristic name', 80),
  value: resultValue,
  equipment: equipmentField.optional(),
  /** When the test was made (defaults to now); the spec in force then judges it. */
  testedAt: timeField.optional(),
  /** An out-of-spec result goes under this open nonconformance of the unit instead of a new one. */
  nonconformance: z
    .string()
    .trim()
    .regex(/^NC-\d{4,}$/, 'must be a nonconformance number like NC-0042')
    .optional(),
});

export const correctResultInput = z.strictObject({
  result: z.number({ error: 'must be the id of the result to correct' }).int().min(1),
  value: resultValue,
  reason: reasonField,
  equipment: equipmentField.optional(),
  testedAt: timeField.optional(),
});

const ncNumberField = z
  .string()
  .trim()
  .regex(/^NC-\d{4,}$/, 'must be a nonconformance number like NC-0042');
const longText = (what: string) => textField(what, 4000);

export const certificateInput = z.strictObject({
  ref: unitRefField,
  kind: z.enum(certificateKinds, { error: `must be one of ${certificateKinds.join(', ')}` }),
  fileName: z
    .string()
    .trim()
    .min(1, 'must give the file name')
    .max(200)
    .regex(/^[^/\\\0]+$/, 'must be a file name without folders'),
  mediaType: z
    .string()
    .trim()
    .regex(/^[\w.+-]+\/[\w.+-]+$/, 'must be a media type like application/pdf')
    .default('application/octet-stream'),
  contentBase64: z.base64('must be the file content in base64').min(1, 'the file is empty'),
  note: z.string().trim().max(500).optional(),
});

export const qualityCommands = {
  'specs.list': command<ItemSpecs[]>()({
    input: z.strictObject({ part: partField.optional() }),
    writes: false,
    summary: 'Test specifications per item, every version with its status and whether it is in force',
  }),
  'specs.get': command<SpecVersion>()({
    input: z.strictObject({ part: partField, version: specVersionField.optional() }),
    writes: false,
    summary: 'One version of an item’s test specification (the newest when no version is given)',
  }),
  'specs.create': command<SpecVersion>()({
    input: createSpecInput,
    writes: true,
    summary: 'A new version of an item’s test specification, as a draft (earlier versions stay as they are)',
    roles: ['qa', 'admin'],
    action: 'Editing a test specification',
  }),
  'specs.approve': command<SpecVersion>()({
    input: z.strictObject({
      part: partField,
      version: specVersionField,
      effectiveFrom: timeField.optional(),
      reason: reasonField.optional(),
      /** Approval is a QA signature with the meaning approved (the local system identity, with no session, may approve unsigned). */
      signature: z.strictObject(signingFields).optional(),
    }),
    writes: true,
    summary: 'Approve a draft spec version (QA, signed with the meaning approved); it judges results from its effective time (default now)',
    roles: ['qa'],
    action: 'Approving a test specification',
  }),
  'results.record': command<TestResult>()({
    input: recordResultInput,
    writes: true,
    summary:
      'Record a test result of a lot or serial; pass/fail against the spec in force at the test time; an out-of-spec result opens a nonconformance',
  }),
  'results.correct': command<TestResult>()({
    input: correctResultInput,
    writes: true,
    summary: 'Correct a result: a new result that supersedes it with the reason (both kept)',
  }),
  'results.list': command<UnitTests>()({
    input: z.strictObject({ ref: unitRefField }),
    writes: false,
    summary: 'A lot’s or serial’s test results, oldest first, with the spec in force now',
  }),
  'nc.open': command<Nonconformance>()({
    input: z.strictObject({
      ref: unitRefField,
      title: nameField.max(80, 'must be at most 80 characters'),
      description: longText('description'),
    }),
    writes: true,
    summary: 'Open a nonconformance (NC-####) against a lot or serial; the lot cannot be released while it is open',
  }),
  'nc.update': command<Nonconformance>()({
    input: z
      .strictObject({
        number: ncNumberField,
        description: longText('description').optional(),
        rootCause: longText('root cause').optional(),
        disposition: z.enum(ncDispositions, { error: `must be one of ${ncDispositions.join(', ')}` }).optional(),
        reason: reasonField.optional(),
      })
      .refine((v) => v.description !== undefined || v.rootCause !== undefined || v.disposition !== undefined, {
        message: 'give the description, root cause or disposition to record',
      }),
    writes: true,
    summary: 'Record the investigation of an open nonconformance: description, root cause, disposition (audited)',
    roles: ['qa', 'admin'],
    action: 'Investigating a nonconformance',
  }),
  'nc.close': command<Nonconformance>()({
    input: z.strictObject({
      number: ncNumberField,
      rootCause: longText('root cause').optional(),
      disposition: z.enum(ncDispositions, { error: `must be one of ${ncDispositions.join(', ')}` }).optional(),
    }),
    writes: true,
    summary: 'Close a nonconformance once its root cause and disposition are recorded (who and when are kept)',
    roles: ['qa'],
    action: 'Closing a nonconformance',
  }),
  'nc.list': command<Nonconformance[]>()({
    input: z.strictObject({
      status: z.enum(['open', 'closed'], { error: 'must be open or closed' }).optional(),
      ref: unitRefField.optional(),
    }),
    writes: false,
    summary: 'Nonconformances, newest first, by status or by lot or serial',
  }),
  'certificates.attach': command<Certificate>()({
    input: certificateInput,
    writes: true,
    summary: 'Attach a supplier certificate (CoA, CoC) to a lot or serial: the file is kept with its SHA-256',
  }),
  'certificates.list': command<Certificate[]>()({
    input: z.strictObject({ ref: unitRefField }),
    writes: false,
    summary: 'The certificates attached to a lot or serial',
  }),
  'certificates.get': command<CertificateFile>()({
    input: z.strictObject({ id: z.number({ error: 'must be a certificate id' }).int().min(1) }),
    writes: false,
    summary: 'A certificate with its file, byte-exact (checked against its SHA-256)',
  }),
};
