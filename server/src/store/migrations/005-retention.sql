-- Retention (docs/privacy.md): when a booking's personal data was erased, by rule or at the citizen's request.
-- The row itself stays without anything personal (location, services, times, status, attendance) for the
-- town's statistics; `erased_at` lets its manage link say that the booking is over instead of failing.
ALTER TABLE bookings ADD COLUMN erased_at timestamptz;

-- Bookings released unconfirmed before this migration were already erased; say so.
UPDATE bookings SET erased_at = COALESCE(cancelled_at, confirm_by, created_at) WHERE person IS NULL;

-- The retention job looks for bookings that still hold personal data, by when their appointment ended.
CREATE INDEX bookings_holding_personal_data ON bookings (end_at) WHERE person IS NOT NULL;
