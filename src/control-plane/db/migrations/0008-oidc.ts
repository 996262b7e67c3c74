export default /* sql */ `
-- People who only ever log in through single sign-on have no password.
ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL;

-- Which IdP account is which user: the issuer and subject never change, an email can.
CREATE TABLE oidc_identities (
  issuer text NOT NULL,
  subject text NOT NULL,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  email text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_login_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (issuer, subject)
);
CREATE INDEX oidc_identities_user_idx ON oidc_identities(user_id);

-- A login on its way through the IdP, kept in the database (not process memory) so that
-- the callback may land on any control-plane instance. Only the state's hash is stored;
-- the state itself also sits in the browser's cookie, which binds the login to it.
CREATE TABLE oidc_pending_logins (
  state_hash text PRIMARY KEY,
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  return_to text,
  expires_at timestamptz NOT NULL
);
CREATE INDEX oidc_pending_logins_expiry_idx ON oidc_pending_logins(expires_at);

-- The ID token of an SSO session, sent back as id_token_hint to end the IdP session at logout.
ALTER TABLE sessions ADD COLUMN id_token text;
`;
