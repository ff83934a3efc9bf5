/**
 * Booking codes, manage tokens and hold ids. Codes are short and readable at the counter; tokens carry
 * 256 random bits and are stored only as SHA-256 hashes.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** No 0/O, 1/I/L, 5/S, 2/Z: letters that are misread when a code is spoken or typed. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRTUVWXY346789';

export function newBookingCode(): string {
  const pick = () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  const half = () => `${pick()}${pick()}${pick()}`;
  return `${half()}-${half()}`;
}

/** Codes are matched the way citizens type them: any case, with or without the dash and spaces. */
export function codeKey(code: string): string {
  return code.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function newHoldId(): string {
  return `h_${randomBytes(16).toString('base64url')}`;
}

export function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** Whether `token` hashes to one of `hashes`; every hash is compared, each in constant time. */
export function tokenMatches(token: string, hashes: readonly Uint8Array[]): boolean {
  const candidate = sha256(token);
  let found = false;
  for (const hash of hashes) {
    if (hash.length === candidate.length && timingSafeEqual(candidate, hash)) found = true;
  }
  return found;
}

/** The form used for the limit of active bookings per person. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The booking's token, encrypted for the idempotency record with a key derived from the client's
 * Idempotency-Key: a repeat of the request can get it back, a copy of the database cannot.
 */
function idempotencyCipherKey(idempotencyKey: string): Buffer {
  return Buffer.from(hkdfSync('sha256', idempotencyKey, 'termin-buchen', 'idempotent booking token', 32));
}

export function sealToken(token: string, idempotencyKey: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', idempotencyCipherKey(idempotencyKey), iv);
  const sealed = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]);
}

export function openToken(sealed: Uint8Array, idempotencyKey: string): string {
  const bytes = Buffer.from(sealed);
  const decipher = createDecipheriv('aes-256-gcm', idempotencyCipherKey(idempotencyKey), bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
}
