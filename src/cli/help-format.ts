/** How a help entry reads in a terminal: usage, what it does, then two aligned tables. */
export interface Help {
  usage: string[];
  about: string;
  options: [string, string][];
  env: [string, string][];
}

export function table(rows: [string, string][]): string {
  const width = Math.min(28, Math.max(...rows.map(([k]) => k.length)));
  return rows
    .map(([k, v]) =>
      k.length > width ? `  ${k}\n  ${''.padEnd(width)}  ${v}` : `  ${k.padEnd(width)}  ${v}`,
    )
    .join('\n');
}

function wrap(text: string, width = 88): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

export function formatHelp(help: Help): string {
  const [first, ...more] = help.usage;
  return [
    `Usage: ${first}`,
    ...more.map((l) => `       ${l}`),
    '',
    wrap(help.about),
    '',
    'Options:',
    table(help.options),
    '',
    'Environment:',
    help.env.length ? table(help.env) : '  none',
    '',
  ].join('\n');
}
