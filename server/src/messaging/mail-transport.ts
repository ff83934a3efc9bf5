/**
 * Where emails go: an SMTP server (SMTP_URL) through nodemailer, or, without one, the development mailbox in
 * the database that /dev/mail shows.
 */
import nodemailer from 'nodemailer';
import type { Db } from '../store/db.js';
import { storeDevMail } from '../store/dev-mail.js';

export interface OutgoingMail {
  bookingId: number;
  from: { name: string; address: string };
  replyTo?: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  attachment?: { filename: string; content: string };
}

export interface MailTransport {
  readonly kind: 'smtp' | 'dev-mailbox';
  send(mail: OutgoingMail, now: Date): Promise<void>;
  close(): void;
}

/** A failed send, described by kind only (error messages can quote addresses), and whether retrying can help. */
export class SendFailure extends Error {
  constructor(readonly kind: string, readonly permanent: boolean) {
    super(kind);
    this.name = 'SendFailure';
  }
}

/**
 * Nodemailer's defaults wait up to 2 minutes for a connection and 10 for a silent socket. Shorter limits keep
 * a send well inside the outbox lease, so that no other sender takes a message still being sent.
 */
const SMTP_TIMEOUTS = { connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 60_000 };

function smtpFailure(error: unknown): SendFailure {
  const { code, responseCode } = error as { code?: unknown; responseCode?: unknown };
  const status = typeof responseCode === 'number' ? responseCode : undefined;
  const kind = ['smtp', typeof code === 'string' ? code : 'error', status].filter((part) => part !== undefined).join(' ');
  // 5xx: the server refused for good (unknown mailbox, rejected message); trying again sends nothing.
  return new SendFailure(kind, status !== undefined && status >= 500);
}

export function smtpTransport(smtpUrl: string): MailTransport {
  const transporter = nodemailer.createTransport({ url: smtpUrl, ...SMTP_TIMEOUTS });
  return {
    kind: 'smtp',
    async send(mail) {
      try {
        await transporter.sendMail({
          from: mail.from,
          to: mail.to,
          ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          attachments: mail.attachment
            ? [{ filename: mail.attachment.filename, content: mail.attachment.content, contentType: 'text/calendar; charset=utf-8; method=PUBLISH' }]
            : [],
        });
      } catch (error) {
        throw smtpFailure(error);
      }
    },
    close: () => transporter.close(),
  };
}

export function devMailboxTransport(db: Db): MailTransport {
  return {
    kind: 'dev-mailbox',
    async send(mail, now) {
      await storeDevMail(db, {
        bookingId: mail.bookingId,
        createdAt: now,
        recipient: mail.to,
        subject: mail.subject,
        textBody: mail.text,
        htmlBody: mail.html,
        attachmentName: mail.attachment?.filename ?? null,
        attachment: mail.attachment?.content ?? null,
      });
    },
    close() {},
  };
}
