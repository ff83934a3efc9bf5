/**
 * Puts the widget's proof-of-work solver on the strict-CSP page, so a test in the parent frame can call it:
 * the function then runs in this page's realm, under this page's policy (its `crypto`, its timers).
 */
import { ProofOfWorkChallenge, solveProofOfWork } from '../../src/api/proof-of-work.js';

declare global {
  interface Window {
    proofOfWork: { ProofOfWorkChallenge: typeof ProofOfWorkChallenge; solveProofOfWork: typeof solveProofOfWork };
  }
}

window.proofOfWork = { ProofOfWorkChallenge, solveProofOfWork };
