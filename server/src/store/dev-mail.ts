/**
 * The development mailbox (no SMTP_URL): sent emails kept in the database and shown at /dev/mail. Its rows
 * hold personal data and go when their booking's personal data is erased.
 */
import type { Queryable } from './db.js';

export interface DevMail {
  id: number;
  bookingId: number | null;
  createdAt: Date;
  recipient: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  attachmentName: string | null;
  attachment: string | null;
}

const COLUMNS = `id, booking_id AS "bookingId", created_at AS "createdAt", recipient, subject, text_body AS "textBody",
  html_body AS "htmlBody", attachment_name AS "attachmentName", attachment`;

export async function storeDevMail(db: Queryable, mail: Omit<DevMail, 'id'>): Promise<void> {
  await db.query(
    `INSERT INTO dev_mail (booking_id, created_at, recipient, subject, text_body, html_body, attachment_name, attachment)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [mail.bookingId, mail.createdAt, mail.recipient, mail.subject, mail.textBody, mail.htmlBody, mail.attachmentName, mail.attachment],
  );
}

export async function listDevMail(db: Queryable, limit = 200): Promise<DevMail[]> {
  return db.query<DevMail>(`SELECT ${COLUMNS} FROM dev_mail ORDER BY id DESC LIMIT $1`, [limit]);
}

export async function devMailById(db: Queryable, id: number): Promise<DevMail | undefined> {
  const [row] = await db.query<DevMail>(`SELECT ${COLUMNS} FROM dev_mail WHERE id = $1`, [id]);
  return row;
}
