/**
 * Test-runner commands that let a browser test check the widget's proof-of-work solver against altcha-lib
 * itself, running in Node as a server would (altcha-lib is a dependency of the server workspace):
 * - `altcha-challenge` `{ algorithm?, cost, counter? }` answers a signed ALTCHA v2 challenge. With `counter`
 *   it is altcha-lib's deterministic mode (the key prefix is half the key of that counter, the
 *   reference server's choice); without it the classic `keyPrefix: '00'` (ZMS's choice).
 * - `altcha-verify` `{ payload }` answers altcha-lib's `verifySolution` result for the widget's base64
 *   payload.
 */
import { createRequire } from 'node:module';

const requireFromServer = createRequire(new URL('../../server/package.json', import.meta.url));
const altcha = requireFromServer('altcha-lib');
const deriveKeys = {
  SHA: requireFromServer('altcha-lib/algorithms/sha').deriveKey,
  PBKDF2: requireFromServer('altcha-lib/algorithms/pbkdf2').deriveKey,
};
const deriveKeyFor = (algorithm) => (algorithm.startsWith('PBKDF2/') ? deriveKeys.PBKDF2 : deriveKeys.SHA);
const secret = 'test secret of the altcha commands';
const keySecret = 'test key secret of the altcha commands';

export function altchaPlugin() {
  return {
    name: 'altcha-commands',
    async executeCommand({ command, payload }) {
      if (command === 'altcha-challenge') {
        const { algorithm = 'SHA-256', cost, counter, expiresInSeconds = 600 } = payload ?? {};
        if (!Number.isInteger(cost) || cost < 1) throw new Error(`altcha-challenge needs a positive integer cost, got ${JSON.stringify(payload)}`);
        return altcha.createChallenge({
          algorithm,
          cost,
          counter,
          deriveKey: deriveKeyFor(algorithm),
          expiresAt: Math.floor(Date.now() / 1000) + expiresInSeconds,
          hmacSignatureSecret: secret,
          hmacKeySignatureSecret: counter === undefined ? undefined : keySecret,
        });
      }
      if (command === 'altcha-verify') {
        if (typeof payload?.payload !== 'string') throw new Error('altcha-verify needs { payload: string }');
        const { challenge, solution } = JSON.parse(Buffer.from(payload.payload, 'base64').toString('utf8'));
        return altcha.verifySolution({
          challenge,
          solution,
          deriveKey: deriveKeyFor(challenge.parameters.algorithm),
          hmacSignatureSecret: secret,
          hmacKeySignatureSecret: keySecret,
        });
      }
      return undefined;
    },
  };
}
