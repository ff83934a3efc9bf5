-- Holds and bookings, and the promise that no counter is ever double booked.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE bookings (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- What citizens type at the counter: `K7Q-2M9`; `code_key` is the same without the dash.
  code text NOT NULL,
  code_key text NOT NULL UNIQUE,
  status text NOT NULL CHECK (status IN ('pending', 'confirmed', 'cancelled', 'released')),
  location_id text NOT NULL,
  -- [{ "id": "personalausweis", "quantity": 2 }]
  services jsonb NOT NULL,
  start_at timestamptz NOT NULL,
  end_at timestamptz NOT NULL CHECK (end_at > start_at),
  locale text NOT NULL CHECK (locale IN ('de', 'en')),
  -- Every personal datum of the booking, and nothing personal anywhere else: names, email, phone,
  -- address, birth date and notes. Erasing a booking's personal data sets this one column to NULL.
  person jsonb,
  -- Lower-cased and trimmed e-mail address, for the limit of active bookings per person; erased with `person`.
  email_key text,
  created_at timestamptz NOT NULL,
  -- A pending booking is released when it is not confirmed by then.
  confirm_by timestamptz,
  confirmed_at timestamptz,
  cancelled_at timestamptz,
  CHECK ((person IS NULL) = (email_key IS NULL))
);
CREATE INDEX bookings_active_by_email ON bookings (email_key, end_at) WHERE status IN ('pending', 'confirmed');
CREATE INDEX bookings_pending_deadline ON bookings (confirm_by) WHERE status = 'pending';
CREATE INDEX bookings_by_location_and_start ON bookings (location_id, start_at);

-- A manage link's token; only its SHA-256 is stored. A booking gets one when it is made and one more at
-- each successful lookup, so that an emailed link keeps working.
CREATE TABLE booking_tokens (
  token_hash bytea PRIMARY KEY,
  booking_id bigint NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL
);
CREATE INDEX booking_tokens_by_booking ON booking_tokens (booking_id);

-- One row per counter-time a hold or a booking takes. The exclusion constraint is the double-booking
-- guard: whichever process writes, PostgreSQL refuses a second live row on the same counter and time.
-- Expired holds are deleted before an insert that overlaps them; cancelled bookings lose their row.
CREATE TABLE reservations (
  id text PRIMARY KEY,
  location_id text NOT NULL,
  counter integer NOT NULL CHECK (counter >= 1),
  during tstzrange NOT NULL CHECK (NOT isempty(during)),
  services jsonb NOT NULL,
  -- Holds expire; a booking's reservation does not.
  expires_at timestamptz,
  booking_id bigint UNIQUE REFERENCES bookings (id) ON DELETE CASCADE,
  CHECK ((booking_id IS NULL) <> (expires_at IS NULL)),
  EXCLUDE USING gist (location_id WITH =, counter WITH =, during WITH &&)
);

-- POST /bookings answers a repeated Idempotency-Key with its first answer. The key itself is not stored,
-- only its SHA-256; the booking's token is stored encrypted with a key derived from the Idempotency-Key,
-- so only the client that chose the key can get the token back.
CREATE TABLE idempotency_keys (
  key_hash bytea PRIMARY KEY,
  request_hash bytea NOT NULL,
  booking_id bigint REFERENCES bookings (id) ON DELETE CASCADE,
  sealed_token bytea,
  created_at timestamptz NOT NULL
);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
