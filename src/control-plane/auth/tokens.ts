import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

/** Tokens are high-entropy, so a plain SHA-256 is enough to store them; passwords get argon2id. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

export const API_KEY_PREFIX = 'sy_';

/** `sy_<8 chars>_<secret>`: the first part is shown in listings so people can tell keys apart. */
export function newApiKey(): { key: string; prefix: string } {
  const id = randomBytes(6).toString('base64url').replace(/[-_]/g, 'x').slice(0, 8);
  const prefix = `${API_KEY_PREFIX}${id}`;
  return { prefix, key: `${prefix}_${randomToken(32)}` };
}
