// Password hashing: scrypt from node:crypto at the OWASP Password Storage Cheat Sheet's settings for scrypt
// (N = 2^17, r = 8, p = 1: 128 MiB and about a second here), a random salt per password, the parameters stored
// with the hash so that stronger settings later still verify older passwords.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { ScryptOptions } from 'node:crypto';

export const OWASP_SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;

/** Test suites only: `LOTLINE_TEST_SCRYPT_N` lowers N so that the thousands of sign-ins and signatures they make
 * cost milliseconds, not a second each (hashes still record their N, so both kinds verify anywhere). */
export const TEST_SCRYPT_ENV = 'LOTLINE_TEST_SCRYPT_N';

/** The settings new passwords are hashed with: OWASP's, unless a test suite set `TEST_SCRYPT_ENV` to a power of two ≥ 1024. */
export function scryptParams(env: NodeJS.ProcessEnv = process.env): { N: number; r: number; p: number } {
  const raw = env[TEST_SCRYPT_ENV];
  if (raw === undefined || raw === '') return OWASP_SCRYPT;
  const N = Number(raw);
  if (!Number.isInteger(N) || N < 1024 || N > OWASP_SCRYPT.N || (N & (N - 1)) !== 0) {
    throw new Error(`${TEST_SCRYPT_ENV} must be a power of two from 1024 to ${OWASP_SCRYPT.N}; it is "${raw}"`);
  }
  return { ...OWASP_SCRYPT, N };
}

const SCRYPT_PARAMS = scryptParams();
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

interface StoredHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }, length: number): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is below the OWASP setting.
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key))));
}

/** `scrypt$N$r$p$<salt>$<key>` (base64): the form stored in user_credentials. */
export async function hashPassword(password: string, params: { N: number; r: number; p: number } = SCRYPT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, params, KEY_LENGTH);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export function parseStoredHash(stored: string): StoredHash {
  const [scheme, N, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || salt === undefined || key === undefined) throw new Error('The stored password is not an scrypt hash');
  return { N: Number(N), r: Number(r), p: Number(p), salt: Buffer.from(salt, 'base64'), key: Buffer.from(key, 'base64') };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const { N, r, p, salt, key } = parseStoredHash(stored);
  const candidate = await derive(password, salt, { N, r, p }, key.length);
  return timingSafeEqual(candidate, key);
}

let decoy: Promise<string> | undefined;
/** A hash to verify against when the user ID is unknown, so that an unknown user takes as long to refuse as a wrong password. */
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(12).toString('base64'));
  return decoy;
}
