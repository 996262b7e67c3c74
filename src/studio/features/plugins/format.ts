/** 1536 → "1.5 KB"; archives are shown in binary units like `ls -lh`. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

/** The first 12 hex digits, as `git` shows commits: enough to tell builds apart at a glance. */
export function shortSha(sha256: string): string {
  return sha256.slice(0, 12);
}
