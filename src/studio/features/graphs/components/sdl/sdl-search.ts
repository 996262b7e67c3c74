/** All case-insensitive occurrences of `query`, as [start, end) pairs; at most 5000. */
export function findMatches(text: string, query: string): [number, number][] {
  const needle = query.trim().toLowerCase();
  if (!needle) return [];
  const haystack = text.toLowerCase();
  const out: [number, number][] = [];
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) {
    out.push([at, at + needle.length]);
    if (out.length >= 5000) break;
  }
  return out;
}
