import type { PluginStorageConfig } from '../plugin-config.ts';
import { FilesystemStorage } from './filesystem-storage.ts';
import type { PluginStorage } from './plugin-storage.ts';
import { S3Storage } from './s3-storage.ts';

// The factory lives apart from the PluginStorage contract, which both backends import.
export function createPluginStorage(config: PluginStorageConfig): PluginStorage {
  return config.kind === 'filesystem' ? new FilesystemStorage(config.dir) : new S3Storage(config);
}
