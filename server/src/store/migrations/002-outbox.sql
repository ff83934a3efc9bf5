-- Messages to citizens (emails and SMS reminders), written in the same transaction as the change that causes
-- them, and sent afterwards by a worker in any server process.
--
-- An outbox row holds no personal data: the message is rendered at send time from its booking (`bookings.person`
-- and `bookings.locale`), so erasing `bookings.person` makes every queued message of that booking unsendable,
-- and the sender then closes it without sending.
CREATE TABLE outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  booking_id bigint NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('confirm_request', 'booked', 'reminder', 'cancelled', 'rescheduled')),
  channel text NOT NULL CHECK (channel IN ('email', 'sms')),
  -- Not sent before this instant: now for most messages, the reminder time for reminders, later after a failure.
  due_at timestamptz NOT NULL,
  -- Send attempts so far, counted when a sender claims the row.
  attempts integer NOT NULL DEFAULT 0,
  -- A sender that claimed the row owns it until then; if that process dies, the row is free again afterwards.
  locked_until timestamptz,
  sent_at timestamptz,
  -- Closed without sending: retries exhausted, a permanent refusal, or nothing left to send to.
  given_up_at timestamptz,
  -- The kind of the last failure only (e.g. `smtp ECONNECTION`), never an error message: those can quote addresses.
  last_error text,
  created_at timestamptz NOT NULL,
  CHECK (sent_at IS NULL OR given_up_at IS NULL)
);
CREATE INDEX outbox_due ON outbox (due_at) WHERE sent_at IS NULL AND given_up_at IS NULL;
CREATE INDEX outbox_by_booking ON outbox (booking_id);

-- Whether the citizen ticked "Erinnerung per SMS". Needed again when a booking is moved and its reminders are
-- replaced; the number itself stays in `person` and goes with it.
ALTER TABLE bookings ADD COLUMN sms_reminder boolean NOT NULL DEFAULT false;

-- The development mailbox: where emails go when no SMTP_URL is set, shown at /dev/mail. It holds personal data
-- (address and message text), so it is erased with the booking's personal data.
CREATE TABLE dev_mail (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  booking_id bigint REFERENCES bookings (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  recipient text NOT NULL,
  subject text NOT NULL,
  text_body text NOT NULL,
  html_body text NOT NULL,
  attachment_name text,
  attachment text
);
CREATE INDEX dev_mail_by_booking ON dev_mail (booking_id);
