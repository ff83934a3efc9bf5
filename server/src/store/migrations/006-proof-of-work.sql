-- Proof-of-work before a hold (rules.proofOfWork, docs/server.md).
-- `server_keys`: random keys made by the first process that needs one and read by every other, so that a
-- challenge issued by one process is accepted by another on the same database. The HMAC keys that sign
-- challenges are derived from the row (domain/proof-of-work.ts), never stored.
CREATE TABLE server_keys (
  name text PRIMARY KEY,
  secret bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Challenges already answered with a hold, kept until they expire: one answer buys one hold, in whichever
-- process it arrives. The nonce is random and says nothing about the citizen.
CREATE TABLE used_proofs (
  nonce text PRIMARY KEY,
  expires_at timestamptz NOT NULL
);
CREATE INDEX used_proofs_expires_at ON used_proofs (expires_at);
