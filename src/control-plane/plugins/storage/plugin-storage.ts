import type { Readable } from 'node:stream';

/**
 * Where build archives live. Every method streams: a 200 MB build never sits in
 * memory. Keys are relative, slash-separated and made of [a-z0-9._-] segments.
 */
export interface PluginStorage {
  readonly kind: 'filesystem' | 's3';
  /** Stores `body` under `key`, replacing any object there; nothing is visible under `key` until it is complete. */
  put(key: string, body: Readable, info: { size: number; sha256: string }): Promise<void>;
  /** null when there is no such object */
  get(key: string): Promise<{ stream: Readable; size: number } | null>;
  head(key: string): Promise<{ size: number } | null>;
  /** Succeeds when the object is already gone. */
  delete(key: string): Promise<void>;
  /** A human-readable location for logs and the admin, never a secret. */
  describe(): string;
}

/** Content-addressed: identical archives share one object whatever plugin or org uploaded them. */
export const buildKey = (sha256: string) => `builds/${sha256.slice(0, 2)}/${sha256}.tar.gz`;

const KEY = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/;

export function assertValidKey(key: string): void {
  if (!KEY.test(key) || key.split('/').some((s) => s === '..' || s === '.')) {
    throw new Error(`invalid storage key ${JSON.stringify(key)}`);
  }
}
