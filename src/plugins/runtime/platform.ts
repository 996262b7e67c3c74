import path from 'node:path';

/** Go's GOOS_GOARCH names, which Cosmo uses for bin/<os>_<arch>. */
const goos: Partial<Record<NodeJS.Platform, string>> = {
  linux: 'linux',
  darwin: 'darwin',
  win32: 'windows',
  freebsd: 'freebsd',
  openbsd: 'openbsd',
};
const goarch: Record<string, string> = {
  x64: 'amd64',
  arm64: 'arm64',
  ia32: '386',
  arm: 'arm',
  ppc64: 'ppc64le',
  s390x: 's390x',
};

export function goPlatform(
  platform: NodeJS.Platform = process.platform,
  arch: string = process.arch,
): string {
  return `${goos[platform] ?? platform}_${goarch[arch] ?? arch}`;
}

export function pluginBinaryPath(pluginDir: string, platform = goPlatform()): string {
  return path.join(pluginDir, 'bin', platform + (platform.startsWith('windows_') ? '.exe' : ''));
}

/** The magic cookie go-plugin checks, with Cosmo's values. */
export const MAGIC_COOKIE_KEY = 'GRPC_DATASOURCE_PLUGIN';
export const MAGIC_COOKIE_VALUE = 'GRPC_DATASOURCE_PLUGIN';
export const PLUGIN_PROTOCOL_VERSION = 1;

/**
 * Set by Switchyard's router for generated mock plugins only: a directory under its data
 * directory where the mock launcher keeps V8's code cache (see mock/runtime-launcher.ts).
 */
export const CODE_CACHE_DIR_ENV = 'SWITCHYARD_PLUGIN_CODE_CACHE_DIR';
