import { CircleCheck } from 'lucide-react';
import { SdlErrorExcerpt } from '@/features/subgraphs/components/sdl-editor';
import type { InputProblem } from '../lib/check-input.ts';

/** The live verdict under an editor: where the first error is, or that the text is valid. */
export function InputVerdict({ id, testId, text, problem, validLabel, checking }: { id: string; testId: string; text: string; problem: InputProblem | null; validLabel: string; checking: boolean }) {
  if (!problem) {
    return (
      <p id={id} data-testid={`${testId}-verdict`} className="flex items-center gap-1 text-xs text-muted-foreground" aria-live="polite">
        <CircleCheck className="size-3.5 text-emerald-600 dark:text-emerald-400" aria-hidden />
        {checking ? 'Checking…' : validLabel}
      </p>
    );
  }
  return (
    <div id={id} className="grid gap-1" aria-live="polite">
      <p className="text-xs text-destructive" data-testid={`${testId}-error`}>
        Line {problem.line}, column {problem.column}: {problem.message}
      </p>
      <SdlErrorExcerpt sdl={text} at={problem} />
    </div>
  );
}
