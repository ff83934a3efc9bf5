/**
 * ZMS's captcha is ALTCHA v2 proof-of-work, solved here without any interaction (WCAG 3.3.8: no puzzle):
 * GET /captcha-challenge/ → solve → POST /captcha-verify/ `{payload}` → a token that offices with
 * `captchaActivatedRequired` want as `captchaToken` on /available-calendar/ and /reserve-appointment/.
 * Both captcha endpoints report failure as HTTP 200 with `meta.success: false`.
 */
import * as z from 'zod/mini';
import { BackendError } from '../port.js';
import { ProofOfWorkChallenge, solveProofOfWork } from '../proof-of-work.js';
import type { ZmsHttp } from './http.js';
import { CaptchaFailure, CaptchaVerified } from './wire.js';
import { ZMS_ERROR_CODES } from './error-codes.js';

/** ZMS's tokens live 300 s by default; one is reused for a little less, then solved anew. */
const TOKEN_REUSE_MS = 240_000;

const ChallengeAnswer = z.union([ProofOfWorkChallenge, CaptchaFailure]);
const VerifyAnswer = z.union([CaptchaVerified, CaptchaFailure]);

/** Codes that say the token we sent is no good: a fresh one may pass. */
export const CAPTCHA_REFUSALS = ['captchaMissing', 'captchaInvalid', 'captchaExpired'];

function refused(code: string, message: string): BackendError {
  return new BackendError({ reason: 'proof_failed', code, message, text: ZMS_ERROR_CODES.captchaVerificationFailed.text });
}

export class CaptchaTokens {
  #token: { value: Promise<string>; since: number } | null = null;

  constructor(
    private readonly http: ZmsHttp,
    private readonly onWork?: (working: boolean) => void,
  ) {}

  /** A token, solved now or reused; requests that run at once share one solution. */
  token(): Promise<string> {
    if (this.#token && Date.now() - this.#token.since < TOKEN_REUSE_MS) return this.#token.value;
    const value = this.#solve();
    this.#token = { value, since: Date.now() };
    value.catch(() => (this.#token = null));
    return value;
  }

  /** ZMS refused the token (expired, or bound to another address): the next call solves anew. */
  forget(): void {
    this.#token = null;
  }

  async #solve(): Promise<string> {
    const challenge = await this.http.call({ method: 'GET', path: '/captcha-challenge/', answer: ChallengeAnswer });
    if ('meta' in challenge) throw refused('captchaChallengeFailed', 'GET /captcha-challenge/: meta.success false');
    let payload: string;
    try {
      payload = await solveProofOfWork(challenge, this.onWork);
    } catch {
      throw refused('captchaUnsolved', 'captcha challenge expired before it was solved');
    }
    const verified = await this.http.call({ method: 'POST', path: '/captcha-verify/', body: { payload }, answer: VerifyAnswer });
    if (!('token' in verified)) throw refused('captchaVerificationFailed', 'POST /captcha-verify/: meta.success false');
    return verified.token;
  }
}
