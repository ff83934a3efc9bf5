/**
 * The outbox sender: claims due messages, renders each from its booking as it is now, sends it outside any
 * transaction, and marks it sent, or schedules a retry, or gives up. Every server process runs one; the
 * claim's lease and `SKIP LOCKED` keep two processes from sending one message.
 *
 * The one remaining duplicate: a process killed after the mail server accepted a message and before
 * `markSent` committed. Its lease runs out and another sender sends the message again (at least once).
 */
import type { TownConfig } from '../config/town-schema.js';
import { composeEmail, composeSms, type MessageInput } from '../domain/messages/compose.js';
import { toE164 } from '../domain/messages/phone.js';
import { stillApplies } from '../domain/outbox-plan.js';
import type { Logger } from '../http/access-log.js';
import { addToken } from '../store/bookings.js';
import type { Db } from '../store/db.js';
import { claimDue, markFailed, markGivenUp, markSent, messageSource, type ClaimedMessage, type MessageSource } from '../store/outbox.js';
import { SendFailure, type MailTransport } from './mail-transport.js';
import type { SmsProvider } from './sms-provider.js';

export interface SenderDeps {
  town: TownConfig;
  db: Db;
  now: () => Date;
  log: Logger;
  mail: MailTransport;
  sms: SmsProvider;
  /** How long a claimed message belongs to this process; longer than any send can take. */
  leaseMs?: number;
  batchSize?: number;
}

export const DEFAULT_LEASE_MS = 5 * 60_000;

type Outcome = { sent: true } | { sent: false; giveUp: string };

/** `bookingPageUrl#termin=<code>.<token>`: the token only in the fragment, which browsers never send anywhere. */
export function manageLink(pageUrl: string, code: string, token: string): string {
  const url = new URL(pageUrl);
  url.hash = `termin=${code}.${token}`;
  return url.href;
}

async function deliver(deps: SenderDeps, message: ClaimedMessage, source: MessageSource & { person: NonNullable<MessageSource['person']> }): Promise<Outcome> {
  const { town, db } = deps;
  const now = deps.now();
  if (source.status === 'released' || !stillApplies(message.kind, source, now)) return { sent: false, giveUp: 'obsolete' };
  const phone = message.channel === 'sms' ? toE164(source.person.phone ?? '') : null;
  if (message.channel === 'sms' && (!town.reminders.sms || !source.smsReminder || !phone)) return { sent: false, giveUp: 'no_number' };
  // A fresh token per message: only hashes are stored, so an earlier one cannot be read back.
  const manageUrl = message.kind === 'cancelled' ? null : manageLink(town.bookingPageUrl, source.code, await addToken(db, source.id, now));
  const input: MessageInput = {
    kind: message.kind,
    town,
    booking: { ...source, status: source.status },
    person: source.person,
    manageUrl,
    now,
  };
  if (phone) {
    await deps.sms.send(phone, composeSms(input));
  } else {
    const email = composeEmail(input);
    await deps.mail.send({
      bookingId: source.id,
      from: { name: town.mail.fromName ?? town.town, address: town.mail.from ?? town.contact.email },
      replyTo: town.mail.replyTo ?? town.contact.email,
      to: source.person.email,
      ...email,
    }, now);
  }
  return { sent: true };
}

async function handle(deps: SenderDeps, message: ClaimedMessage): Promise<void> {
  const { db, log } = deps;
  const line = { event: 'message', kind: message.kind, channel: message.channel, attempt: message.attempts };
  try {
    const source = await messageSource(db, message.bookingId);
    const outcome = source?.person ? await deliver(deps, message, { ...source, person: source.person }) : { sent: false as const, giveUp: 'erased' };
    if (outcome.sent) {
      await markSent(db, message.id, deps.now());
      log({ time: new Date().toISOString(), ...line, outcome: 'sent' });
    } else {
      await markGivenUp(db, message.id, outcome.giveUp, deps.now());
      log({ time: new Date().toISOString(), ...line, outcome: 'skipped', reason: outcome.giveUp });
    }
  } catch (error) {
    const failure = error instanceof SendFailure ? error : new SendFailure((error as Error).name ?? 'error', false);
    const gaveUp = failure.permanent
      ? (await markGivenUp(db, message.id, failure.kind, deps.now()), true)
      : await markFailed(db, message, failure.kind, deps.now());
    log({ time: new Date().toISOString(), ...line, outcome: gaveUp ? 'given-up' : 'retry', error: failure.kind });
  }
}

/** Sends everything that is due now; returns how many messages it handled. */
export async function sendDueMessages(deps: SenderDeps): Promise<number> {
  let handled = 0;
  for (;;) {
    const claimed = await claimDue(deps.db, deps.now(), deps.leaseMs ?? DEFAULT_LEASE_MS, deps.batchSize ?? 10);
    if (claimed.length === 0) return handled;
    for (const message of claimed) await handle(deps, message);
    handled += claimed.length;
  }
}

export interface RunningSender {
  /** Runs a pass now (after the one in progress) and resolves with how many messages it handled. */
  flush(): Promise<number>;
  /** Stops polling and waits for the pass in progress. */
  stop(): Promise<void>;
}

export function startSender(deps: SenderDeps, intervalMs: number): RunningSender {
  let chain: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const pass = (): Promise<number> => {
    const run = chain.then(() => sendDueMessages(deps)).catch((error: unknown) => {
      // The database was unreachable or closed; the next pass tries again.
      deps.log({ time: new Date().toISOString(), event: 'sender-failed', kind: (error as Error).name });
      return 0;
    });
    chain = run;
    return run;
  };
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void pass().finally(schedule), intervalMs);
    timer.unref();
  };
  void pass().finally(schedule);
  return {
    flush: pass,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await chain;
      deps.mail.close();
    },
  };
}
