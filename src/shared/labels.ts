import { z } from 'zod';

/**
 * Labels and label matchers, with Cosmo's semantics so that teams coming from Cosmo
 * feel at home:
 * - a subgraph carries labels `key=value`;
 * - a graph carries label matchers; one matcher string `team=a,team=b` matches when the
 *   subgraph has ANY of its labels (OR), and a subgraph belongs to the graph when EVERY
 *   matcher matches (AND of ORs);
 * - a graph with no matchers holds exactly the subgraphs that have no labels (what
 *   Cosmo's SubgraphRepository.byGraphLabelMatchers does), so an unlabelled setup works
 *   without thinking about labels at all.
 */
export const MAX_LABEL_PART = 63;
export const MAX_LABELS = 50;

const PART = /^[a-zA-Z0-9](?:[a-zA-Z0-9._-]*[a-zA-Z0-9])?$/;
const PART_RULE = `1–${MAX_LABEL_PART} characters from a-z A-Z 0-9 . _ -, starting and ending with a letter or digit`;

export interface Label {
  key: string;
  value: string;
}

/** Why a label is not valid, or null when it is. */
export function labelProblem(label: string): string | null {
  const eq = label.indexOf('=');
  if (eq < 0) return `Label "${label}" must look like key=value (for example team=products)`;
  const key = label.slice(0, eq);
  const value = label.slice(eq + 1);
  for (const [what, part] of [
    ['key', key],
    ['value', value],
  ] as const) {
    if (!part) return `Label "${label}" has an empty ${what}; labels look like key=value`;
    if (part.length > MAX_LABEL_PART || !PART.test(part)) {
      return `Label "${label}": the ${what} "${part}" is not valid; keys and values are ${PART_RULE}`;
    }
  }
  return null;
}

export function parseLabel(label: string): Label {
  const eq = label.indexOf('=');
  return { key: label.slice(0, eq), value: label.slice(eq + 1) };
}

export const labelSchema = z.string().superRefine((value, ctx) => {
  const problem = labelProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const labelsSchema = z
  .array(labelSchema)
  .max(MAX_LABELS, `At most ${MAX_LABELS} labels`)
  .transform(normalizeLabels);

/** One matcher string: labels separated by commas, any of which may match. */
export const labelMatcherSchema = z.string().superRefine((value, ctx) => {
  const parts = value.split(',').map((p) => p.trim());
  if (parts.some((p) => p === '')) {
    ctx.addIssue({
      code: 'custom',
      message: `Label matcher "${value}" has an empty entry; write labels separated by commas, e.g. team=a,team=b`,
    });
    return;
  }
  for (const p of parts) {
    const problem = labelProblem(p);
    if (problem) ctx.addIssue({ code: 'custom', message: `Label matcher "${value}": ${problem}` });
  }
});

export const labelMatchersSchema = z
  .array(labelMatcherSchema)
  .max(MAX_LABELS, `At most ${MAX_LABELS} label matchers`)
  .transform(normalizeLabelMatchers);

/** Sorted and without duplicates, so equal sets compare and store equally. */
export function normalizeLabels(labels: string[]): string[] {
  return [...new Set(labels.map((l) => l.trim()))].sort();
}

export function normalizeLabelMatchers(matchers: string[]): string[] {
  const normalized = matchers.map((m) => normalizeLabels(m.split(',')).join(','));
  return [...new Set(normalized)].sort();
}

/** True when a subgraph with these labels belongs to a graph with these matchers. */
export function matchesLabelMatchers(labels: readonly string[], matchers: readonly string[]): boolean {
  if (matchers.length === 0) return labels.length === 0;
  const held = new Set(labels);
  return matchers.every((m) => m.split(',').some((l) => held.has(l.trim())));
}
