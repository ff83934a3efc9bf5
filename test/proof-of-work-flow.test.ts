import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { de } from '../src/i18n/de.js';
import type { MockState } from '../src/mock/index.js';
import {
  chooseFirstFreeDay,
  chooseFirstSlot,
  chooseServiceAndLocation,
  deTexts,
  findByRole,
  MONDAY,
  PASS,
  pinClock,
  RATHAUS,
  renderWidget,
  waitForHeading,
} from './support/flow-driver.js';
import { addHandlers, stopMockBackend, useMockBackend } from './support/mock.js';

/** A cheap challenge: this test is about the flow around the proof, not the solver's speed. */
const CHALLENGE = { algorithm: 'SHA-256', cost: 10 };

describe('proof-of-work on holding a time (catalog proofOfWork: true)', () => {
  let state: MockState;
  let restoreClock: () => void = () => undefined;
  /** What altcha-lib said about each proof the widget sent, in order. */
  let verdicts: boolean[];
  let challengesIssued: number;

  async function start({ refuseFirst = false } = {}) {
    restoreClock = pinClock(MONDAY);
    state = await useMockBackend({ now: () => new Date(MONDAY), catalog: (catalog) => ({ ...catalog, proofOfWork: true }) });
    verdicts = [];
    challengesIssued = 0;
    await addHandlers(
      http.get('/api/challenge', async () => {
        challengesIssued++;
        return HttpResponse.json(await executeServerCommand('altcha-challenge', CHALLENGE));
      }),
      http.post('/api/holds', async ({ request }) => {
        const { proof } = (await request.clone().json()) as { proof?: unknown };
        const verified = typeof proof === 'string' && ((await executeServerCommand('altcha-verify', { payload: proof })) as { verified: boolean }).verified;
        verdicts.push(verified);
        if (!verified || (refuseFirst && verdicts.length === 1)) {
          const code = proof === undefined ? 'proof_required' : 'proof_invalid';
          return HttpResponse.json({ type: 'about:blank', title: code, status: 403, code }, { status: 403, headers: { 'Content-Type': 'application/problem+json' } });
        }
        // Proven: the mock itself reserves the time.
        return undefined;
      }),
    );
  }

  afterEach(() => restoreClock());
  after(() => stopMockBackend());

  async function holdATime() {
    const el = await renderWidget();
    await chooseServiceAndLocation(el, deTexts, PASS, RATHAUS);
    await chooseFirstFreeDay(el);
    await chooseFirstSlot(el);
    return el;
  }

  it('solves the challenge without any interaction and sends it with the hold', async () => {
    await start();
    const el = await holdATime();
    await waitForHeading(el, de.details.title);
    expect(verdicts).to.deep.equal([true]);
    expect(challengesIssued).to.equal(1);
    expect(state.requests.filter((request) => request.method === 'POST' && request.path === '/api/holds')).to.have.length(1);
  });

  it('fetches a fresh challenge once when the backend refuses the proof (expired, say)', async () => {
    await start({ refuseFirst: true });
    const el = await holdATime();
    await waitForHeading(el, de.details.title);
    expect(verdicts).to.deep.equal([true, true]);
    expect(challengesIssued).to.equal(2);
  });

  it('says in words when the check keeps failing, and offers to try again', async () => {
    await start();
    // A challenge signed by someone else: altcha-lib refuses every proof of it.
    await addHandlers(http.get('/api/challenge', async () => {
      challengesIssued++;
      const challenge = (await executeServerCommand('altcha-challenge', CHALLENGE)) as { signature: string };
      return HttpResponse.json({ ...challenge, signature: '0'.repeat(64) });
    }));
    const el = await holdATime();
    await findByRole(el, 'alert', new RegExp(de.errors.proof_failed));
    expect(verdicts).to.deep.equal([false, false]);
    await findByRole(el, 'button', de.common.retry);
  });
});
