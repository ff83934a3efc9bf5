-- A repeated POST /bookings returns the first answer exactly, even after the booking was moved or
-- cancelled. The answer holds no personal data (code, status, times, location, services); the token
-- stays sealed in `sealed_token`.
ALTER TABLE idempotency_keys ADD COLUMN answer jsonb;
