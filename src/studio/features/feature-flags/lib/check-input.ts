// Deep import: the parser alone, not the whole of graphql-js (validation, execution…).
import { parse } from 'graphql/language/parser.js';
import { GraphQLError } from 'graphql/error/GraphQLError.js';

export interface InputProblem {
  message: string;
  line: number;
  column: number;
}

/** A syntax error in an SDL with its position, as the server would report it; null when it parses. */
export function checkSdl(sdl: string): InputProblem | null {
  if (!sdl.trim()) return { message: 'The schema is empty', line: 1, column: 1 };
  try {
    parse(sdl, { noLocation: true });
    return null;
  } catch (err) {
    if (err instanceof GraphQLError) {
      const at = err.locations?.[0];
      return { message: err.message.replace(/^Syntax Error: /, ''), line: at?.line ?? 1, column: at?.column ?? 1 };
    }
    return { message: String(err), line: 1, column: 1 };
  }
}

/** mocks.json must be a JSON object (type name → field values); returns the parsed object or the problem. */
export function checkMocksJson(text: string): { ok: true; value: Record<string, unknown> } | { ok: false; problem: InputProblem } {
  if (!text.trim()) return { ok: true, value: {} };
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return { ok: false, problem: { message: 'mocks.json must be an object, e.g. {"Review": {"headline": "Great"}}', line: 1, column: 1 } };
    }
    return { ok: true, value: value as Record<string, unknown> };
  } catch (err) {
    return { ok: false, problem: jsonProblem(text, err) };
  }
}

/** V8 says "… at position 42" (and newer ones "(line 3 column 5)"); both become a line and column. */
function jsonProblem(text: string, err: unknown): InputProblem {
  const message = err instanceof Error ? err.message : String(err);
  const lineCol = /line (\d+) column (\d+)/.exec(message);
  if (lineCol) return { message, line: Number(lineCol[1]), column: Number(lineCol[2]) };
  const pos = /position (\d+)/.exec(message);
  const offset = pos ? Number(pos[1]) : text.length;
  const before = text.slice(0, offset).split('\n');
  return { message, line: before.length, column: before[before.length - 1]!.length + 1 };
}
