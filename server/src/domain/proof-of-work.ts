/**
 * Proof-of-work before a hold (`rules.proofOfWork`): an ALTCHA v2 challenge from altcha-lib, which the widget
 * solves unseen (src/api/proof-of-work.ts) instead of asking the citizen to solve a puzzle (WCAG 3.3.8).
 *
 * altcha-lib's deterministic mode: the server picks the answer, a counter from MIN_COUNTER to MAX_COUNTER,
 * publishes half of its key as the prefix to find and signs the full key (`keySignature`), so checking an
 * answer is one HMAC, and the work a client has to do is bounded: at most MAX_COUNTER + 1 keys. PBKDF2
 * rather than a SHA-256 chain: the browser runs each key's iterations natively inside one `crypto.subtle`
 * call, so a citizen's phone is not slowed down by thousands of promise round trips that a bot's native code
 * would not pay.
 *
 * Cost, measured with the widget's solver in Chromium on the 2-core CI machine (docs/performance.md): about
 * 0.7 ms per counter, so at most ~0.25 s here and, for a phone four times slower, ~1 s at worst and ~0.6 s
 * on average. A bot pays the same ~1 million PBKDF2 iterations per hold.
 *
 * Expiry is wall-clock time, not the server's movable clock: the browser and altcha-lib both read
 * `expiresAt` against the real time.
 */
import { hkdfSync } from 'node:crypto';
import { createChallenge, randomInt, verifySolution, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { z } from 'zod';
import type { Queryable } from '../store/db.js';
import { serverKey, spendProof } from '../store/proofs.js';
import { DomainError } from './errors.js';

export const PROOF_OF_WORK = {
  algorithm: 'PBKDF2/SHA-256',
  cost: 5_000,
  minCounter: 100,
  maxCounter: 300,
  /** Long enough to solve it ahead while the citizen picks a time; a hold follows within seconds anyway. */
  lifetimeSeconds: 600,
} as const;

interface Secrets {
  /** Signs the challenge's parameters. */
  signature: string;
  /** Signs the derived key of the counter the server picked. */
  keySignature: string;
}

/** Per database: the key row never changes, so one read per process is enough. */
const secretsByDb = new WeakMap<Queryable, Promise<Secrets>>();

function secrets(db: Queryable): Promise<Secrets> {
  let found = secretsByDb.get(db);
  if (!found) {
    found = serverKey(db, 'proof-of-work').then((master) => {
      const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', master, 'termin-buchen', purpose, 32)).toString('hex');
      return { signature: derive('altcha challenge signature'), keySignature: derive('altcha key signature') };
    });
    // A failed read (database down) must not stay cached.
    found.catch(() => secretsByDb.delete(db));
    secretsByDb.set(db, found);
  }
  return found;
}

/** `expiresAt` only for tests, which need a challenge that has run out. */
export async function issueChallenge(db: Queryable, expiresAt = new Date(Date.now() + PROOF_OF_WORK.lifetimeSeconds * 1000)): Promise<Challenge> {
  const { signature, keySignature } = await secrets(db);
  return createChallenge({
    algorithm: PROOF_OF_WORK.algorithm,
    cost: PROOF_OF_WORK.cost,
    counter: randomInt(PROOF_OF_WORK.maxCounter, PROOF_OF_WORK.minCounter),
    deriveKey,
    expiresAt,
    hmacSignatureSecret: signature,
    hmacKeySignatureSecret: keySignature,
  });
}

const Hex = z.string().regex(/^(?:[0-9a-f]{2}){1,64}$/);

/**
 * What the widget sends: `base64(JSON {challenge, solution})`, checked for shape before altcha-lib sees it
 * (every challenge this server issues has a `keySignature`, so one without is not ours).
 */
const Payload = z.object({
  challenge: z.object({
    parameters: z.looseObject({
      algorithm: z.string(),
      nonce: Hex,
      salt: Hex,
      cost: z.int().positive(),
      keyLength: z.int().positive(),
      keyPrefix: Hex,
      keySignature: Hex,
      expiresAt: z.int().positive(),
    }),
    signature: Hex,
  }),
  solution: z.object({ counter: z.int().min(0).max(0xffffffff), derivedKey: Hex, time: z.number().optional() }),
});

/** A spent proof: its nonce, and when its challenge expires (when the record of it may go). */
export interface SpentProof {
  nonce: string;
  expiresAt: Date;
}

/**
 * Checks the `proof` of a hold request and spends it: `proof_required` without one, `proof_invalid` when
 * it is malformed, not ours, wrongly solved, expired or already spent on a hold.
 */
export async function spendValidProof(db: Queryable, proof: string | undefined): Promise<SpentProof> {
  if (proof === undefined || proof === '') throw new DomainError('proof_required');
  const payload = decode(proof);
  if (!payload) throw new DomainError('proof_invalid');
  const { signature, keySignature } = await secrets(db);
  const result = await verifySolution({
    challenge: payload.challenge,
    solution: payload.solution,
    deriveKey,
    hmacSignatureSecret: signature,
    hmacKeySignatureSecret: keySignature,
  }).catch(() => undefined);
  if (!result?.verified) throw new DomainError('proof_invalid');
  const spent = { nonce: payload.challenge.parameters.nonce, expiresAt: new Date(payload.challenge.parameters.expiresAt * 1000) };
  if (!(await spendProof(db, spent.nonce, spent.expiresAt))) throw new DomainError('proof_invalid');
  return spent;
}

function decode(proof: string): z.infer<typeof Payload> | undefined {
  if (proof.length > 4096 || !/^[A-Za-z0-9+/]+={0,2}$/.test(proof)) return undefined;
  try {
    const parsed = Payload.safeParse(JSON.parse(Buffer.from(proof, 'base64').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
