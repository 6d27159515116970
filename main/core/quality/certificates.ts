// Supplier certificates (CoA, CoC) attached to lots: the file kept in the database once per content, named by its
// SHA-256, and handed back byte-exact (checked against that hash on the way out).
import type { Database as Db } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { Certificate, CertificateFile, CertificateKind } from '../../../common/api/quality';
import { MAX_CERTIFICATE_BYTES } from '../../../common/api/quality';
import { LotlineError } from '../../../common/errors';
import { auditCreate } from '../audit/trail';
import type { Core } from '../context';
import { perConnection } from '../db/statements';
import { resolveRef, unitName, unitRef } from '../units/rows';
import type { UnitRow } from '../units/rows';

interface CertificateRow {
  id: number;
  unit_id: number;
  kind: CertificateKind;
  file_name: string;
  media_type: string;
  bytes: number;
  sha256: string;
  note: string | null;
  attached_at: string;
  attached_by: string;
  kind_of_unit: UnitRow['kind'];
  code: string;
  part: string;
}

const CERT_SELECT = `SELECT c.*, u.kind AS kind_of_unit, u.code, i.part FROM certificates c JOIN units u ON u.id = c.unit_id JOIN items i ON i.id = u.item_id`;

const statements = perConnection((db: Db) => ({
  ofUnit: db.prepare<[number], CertificateRow>(`${CERT_SELECT} WHERE c.unit_id = ? ORDER BY c.id`),
  byId: db.prepare<[number], CertificateRow>(`${CERT_SELECT} WHERE c.id = ?`),
  content: db.prepare<[string], { content: Buffer }>('SELECT content FROM certificate_files WHERE sha256 = ?'),
  storeFile: db.prepare<[string, Buffer]>('INSERT INTO certificate_files (sha256, content) VALUES (?, ?) ON CONFLICT (sha256) DO NOTHING'),
  insert: db.prepare(
    `INSERT INTO certificates (unit_id, kind, file_name, media_type, bytes, sha256, note, attached_at, attached_by)
     VALUES (@unit_id, @kind, @file_name, @media_type, @bytes, @sha256, @note, @attached_at, @attached_by)`,
  ),
}));

function toCertificate(row: CertificateRow): Certificate {
  return {
    id: row.id,
    ref: unitRef({ kind: row.kind_of_unit, part: row.part, code: row.code }),
    kind: row.kind,
    fileName: row.file_name,
    mediaType: row.media_type,
    bytes: row.bytes,
    sha256: row.sha256,
    note: row.note,
    attachedAt: row.attached_at,
    attachedBy: row.attached_by,
  };
}

function certificateRow(db: Db, id: number): CertificateRow {
  const row = statements(db).byId.get(id);
  if (!row) throw new LotlineError('NOT_FOUND', `There is no certificate ${id}`);
  return row;
}

export function attachCertificate(
  core: Core,
  input: { ref: string; kind: CertificateKind; fileName: string; mediaType: string; contentBase64: string; note?: string | undefined },
): Certificate {
  const unit = resolveRef(core.db, input.ref);
  const content = Buffer.from(input.contentBase64, 'base64');
  if (content.length === 0) throw new LotlineError('VALIDATION', 'contentBase64: the file is empty');
  if (content.length > MAX_CERTIFICATE_BYTES) {
    throw new LotlineError(
      'VALIDATION',
      `contentBase64: ${input.fileName} is ${content.length} bytes; certificates up to ${MAX_CERTIFICATE_BYTES} bytes are kept`,
    );
  }
  const sha256 = createHash('sha256').update(content).digest('hex');
  const s = statements(core.db);
  s.storeFile.run(sha256, content);
  const id = Number(
    s.insert.run({
      unit_id: unit.id,
      kind: input.kind,
      file_name: input.fileName,
      media_type: input.mediaType,
      bytes: content.length,
      sha256,
      note: input.note ?? null,
      attached_at: core.now().toISOString(),
      attached_by: core.actor,
    }).lastInsertRowid,
  );
  auditCreate(core, 'certificates', id, `${input.kind} ${input.fileName} attached to ${unitName(unit)}`);
  return toCertificate(certificateRow(core.db, id));
}

export function listCertificates(db: Db, ref: string): Certificate[] {
  return statements(db).ofUnit.all(resolveRef(db, ref).id).map(toCertificate);
}

export function certificateFile(db: Db, id: number): CertificateFile {
  const row = certificateRow(db, id);
  const file = statements(db).content.get(row.sha256);
  const actual = file === undefined ? null : createHash('sha256').update(file.content).digest('hex');
  if (file === undefined || actual !== row.sha256 || file.content.length !== row.bytes) {
    throw new LotlineError(
      'CONFLICT',
      `The stored file of certificate ${id} (${row.file_name}) no longer matches the SHA-256 recorded when it was attached (${row.sha256}): the database was changed outside Lotline`,
    );
  }
  return { ...toCertificate(row), contentBase64: file.content.toString('base64') };
}
