/**
 * Invisible proof-of-work instead of a puzzle (WCAG 3.3.8: no cognitive test): solves an ALTCHA v2
 * challenge, the format of altcha-lib 2.x, which the reference server (`GET /challenge`) and ZMS
 * (`GET /captcha-challenge/`) issue.
 *
 * ALTCHA v2, as altcha-lib 2.8 derives it: the password is the nonce's bytes followed by the counter as a
 * big-endian uint32; the key for a counter is
 * - `SHA-256`/`SHA-384`/`SHA-512`: the digest of salt ‖ password, hashed again `cost` times in all, each
 *   round over the whole previous digest, cut to `keyLength` bytes at the end;
 * - `PBKDF2/SHA-…`: PBKDF2 of the password with the salt, `cost` iterations, `keyLength` bytes.
 * A counter solves the challenge when its key's lowercase hex starts with `keyPrefix`. The answer is
 * `base64(JSON {challenge, solution: {counter, derivedKey, time}})`, with the challenge as it came: the
 * server checks its HMAC `signature` over the parameters, so no field may be dropped or changed.
 *
 * No worker, wasm or eval (a strict CSP may forbid them all): the hashing runs in `crypto.subtle` on the main
 * thread, with a pause for the page's other tasks at least every 20 ms.
 */
import * as z from 'zod/mini';

// `z.refine` rather than `z.maximum`: schemas.ts uses refine already, so the bundle needs no less-than check of zod's.
const atMost = (limit: number) => z.refine<number>((value) => value <= limit);

const Hex = z.string().check(z.regex(/^([0-9a-fA-F]{2})+$/));

/**
 * An ALTCHA v2 challenge, `{parameters, signature}`. Unknown parameters are kept (`looseObject`), and must
 * be: they are covered by the signature. The bounds keep a broken or hostile backend from making the page
 * hash for hours.
 */
export const ProofOfWorkChallenge = z.object({
  parameters: z.looseObject({
    algorithm: z.enum(['SHA-256', 'SHA-384', 'SHA-512', 'PBKDF2/SHA-256', 'PBKDF2/SHA-384', 'PBKDF2/SHA-512']),
    nonce: Hex,
    salt: Hex,
    cost: z.int().check(z.positive(), atMost(1e6)),
    keyLength: z.int().check(z.positive(), atMost(64)),
    keyPrefix: z.string().check(z.regex(/^[0-9a-fA-F]{1,128}$/)),
  }),
  signature: z.string(),
});
export type ProofOfWorkChallenge = z.infer<typeof ProofOfWorkChallenge>;

const subtle = crypto.subtle;
const bytes = (hex: string) => Uint8Array.from(hex.match(/../g)!, (pair) => parseInt(pair, 16));

/** The lowercase hex of the key for `counter`; the counter joins the nonce as 8 hex digits, i.e. a big-endian uint32. */
async function deriveKey({ algorithm, nonce, salt, cost, keyLength }: ProofOfWorkChallenge['parameters'], counter: number): Promise<string> {
  const password = nonce + counter.toString(16).padStart(8, '0');
  const [kdf, hash] = algorithm.split('/');
  let key: ArrayBuffer;
  if (hash) {
    key = await subtle.deriveBits({ name: kdf, hash, salt: bytes(salt), iterations: cost }, await subtle.importKey('raw', bytes(password), kdf, false, ['deriveBits']), keyLength * 8);
  } else {
    key = bytes(salt + password).buffer;
    for (let round = 0; round < cost; round++) key = await subtle.digest(kdf, key);
  }
  return Array.from(new Uint8Array(key), (byte) => byte.toString(16).padStart(2, '0')).join('').slice(0, keyLength * 2);
}

/**
 * Solves an ALTCHA v2 challenge and returns the payload to send back: `base64(JSON {challenge, solution})`
 * (standard alphabet, as altcha-lib's `atob` reads it).
 *
 * Runs on the main thread in slices, yielding to the event loop at least every ~20 ms, so the page stays
 * responsive; nothing is shown unless the caller shows it.
 *
 * @param challenge a challenge parsed with {@link ProofOfWorkChallenge} (it keeps the unknown parameters the
 *   signature covers).
 * @param onWork called with `true` only if solving takes longer than about a second (time to show a
 *   progress text), and then with `false` when it ends, solved or not. Never called for a quick solve.
 * @param signal stops solving: the promise rejects with the signal's reason (an `AbortError` by default).
 *   There is no time limit of its own; pass e.g. `AbortSignal.timeout(60_000)` to bound it.
 * @returns the base64 payload, for the reference server's `proof` field or ZMS's `/captcha-verify/`.
 * @throws Error when no counter up to 2^32 solves it (never for a challenge a server could verify).
 *
 * `expiresAt` is not checked: it is read against the citizen's clock, which may be wrong by more than a
 * challenge lives, and would then refuse every challenge. The server decides; after a refusal the caller
 * fetches a new challenge.
 */
export async function solveProofOfWork(challenge: ProofOfWorkChallenge, onWork?: (working: boolean) => void, signal?: AbortSignal): Promise<string> {
  const prefix = challenge.parameters.keyPrefix.toLowerCase();
  const started = Date.now();
  let sliceStart = started;
  let working = false;
  const slow = setTimeout(() => onWork?.((working = true)), 1000);
  try {
    for (let counter = 0; counter < 2 ** 32; counter += 4) {
      signal?.throwIfAborted();
      // Four counters at once, so the browser's crypto thread need not wait for this loop between calls.
      const keys = await Promise.all([0, 1, 2, 3].map((lane) => deriveKey(challenge.parameters, counter + lane)));
      const lane = keys.findIndex((key) => key.startsWith(prefix));
      if (lane >= 0) {
        return btoa(JSON.stringify({ challenge, solution: { counter: counter + lane, derivedKey: keys[lane], time: Date.now() - started } }));
      }
      // Chromium runs crypto.subtle's answers ahead of timers: without this pause the page's timers (and
      // what waits behind them) would wait for the whole solve.
      if (Date.now() - sliceStart > 20) {
        await new Promise((resolve) => setTimeout(resolve));
        sliceStart = Date.now();
      }
    }
    throw Error('unsolvable');
  } finally {
    clearTimeout(slow);
    if (working) onWork?.(false);
  }
}
