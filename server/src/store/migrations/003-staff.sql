-- The Bürgerbüro's side: staff accounts and sessions, attendance, closures, calendar feeds, audit log.

-- Whether the citizen came. Kept apart from `status` on purpose: `status` is the booking's lifecycle,
-- which the citizen's side reads everywhere as "live" (pending/confirmed) for the limit per email, lookup
-- and the manage link; attendance is a fact recorded at the counter on top of a live booking. Undo is
-- setting it back to NULL, with no need to remember whether the booking was pending or confirmed.
ALTER TABLE bookings ADD COLUMN attendance text CHECK (attendance IN ('arrived', 'missed'));
ALTER TABLE bookings ADD COLUMN attendance_at timestamptz;

CREATE TABLE staff_accounts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- Lower-cased, so that login does not depend on how the address is typed.
  email text NOT NULL UNIQUE,
  role text NOT NULL CHECK (role IN ('admin', 'clerk')),
  -- The locations a clerk works for; ignored for admins, who see all.
  locations text[] NOT NULL DEFAULT '{}',
  -- `scrypt$N$r$p$salt$hash` (base64url), from node:crypto.
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL
);

-- Only the SHA-256 of the session id is stored: a copy of the database cannot be used to log in.
CREATE TABLE staff_sessions (
  id_hash bytea PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES staff_accounts (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX staff_sessions_by_expiry ON staff_sessions (expires_at);

-- Time ranges in which a location takes no appointments, set by staff (sick leave, staff meeting); the
-- town file's whole-day closures stay in the town file.
CREATE TABLE closures (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  location_id text NOT NULL,
  during tstzrange NOT NULL CHECK (NOT isempty(during)),
  -- Shown to staff only; the form asks for a reason without names.
  reason text NOT NULL DEFAULT '',
  created_by text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX closures_by_location ON closures USING gist (location_id, during);

-- One iCalendar feed per location, reachable under a secret URL; only the secret's SHA-256 is stored.
CREATE TABLE calendar_feeds (
  location_id text PRIMARY KEY,
  secret_hash bytea NOT NULL UNIQUE,
  created_at timestamptz NOT NULL
);

-- Who did or saw what, when, to which booking: never the personal data itself. Append-only: the
-- trigger refuses UPDATE and DELETE, so that an entry cannot be changed after the fact through the app.
CREATE TABLE staff_audit (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  -- The staff member's email as it was; not a foreign key, so removing an account keeps its history.
  actor text NOT NULL,
  action text NOT NULL,
  booking_id bigint,
  location_id text,
  -- Where a view happened (day, search, booking, print, csv) or what changed (a closure id); no personal data.
  detail text NOT NULL DEFAULT ''
);
CREATE INDEX staff_audit_by_time ON staff_audit (at);
CREATE INDEX staff_audit_by_booking ON staff_audit (booking_id);

CREATE FUNCTION staff_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'staff_audit is append-only' USING ERRCODE = '42501';
END
$$;
CREATE TRIGGER staff_audit_append_only BEFORE UPDATE OR DELETE ON staff_audit
  FOR EACH ROW EXECUTE FUNCTION staff_audit_append_only();
