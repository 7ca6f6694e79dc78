-- Login throttling and session revocation, shared by every API process through the database.
-- `client_id` is empty today; when clients (tenants) arrive, their counters and revocations stay apart.

-- Failed logins per user name and per source address, in a window that restarts when it has passed;
-- `locked_until` is set when the failures reach the limit and ends the lockout by itself.
CREATE TABLE IF NOT EXISTS login_attempts (
  client_id         text NOT NULL DEFAULT '',
  scope             text NOT NULL CHECK (scope IN ('user', 'ip')),
  subject           text NOT NULL,
  failures          integer NOT NULL,
  window_started_at timestamptz NOT NULL,
  locked_until      timestamptz,
  PRIMARY KEY (client_id, scope, subject)
);
-- Rows whose window and lockout have both passed are purged by age.
CREATE INDEX IF NOT EXISTS login_attempts_window ON login_attempts (window_started_at);

-- Session tokens revoked before they expire (logout); a row is useless once the token would have expired.
CREATE TABLE IF NOT EXISTS revoked_sessions (
  jti        text PRIMARY KEY,
  client_id  text NOT NULL DEFAULT '',
  username   text NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS revoked_sessions_expires ON revoked_sessions (expires_at);
