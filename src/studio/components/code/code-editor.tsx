import { lazy, Suspense } from 'react';
import { cn } from '@/lib/utils';

export interface CodeEditorProps {
  value: string;
  onChange: (value: string) => void;
  language: 'graphql' | 'json';
  /** The line of the current error; the editor marks it itself as you type (kept for callers). */
  errorLine?: number | null;
  readOnly?: boolean;
  /** A position to put the caret at (1-based), e.g. where the server found a syntax error. */
  cursorAt?: { line: number; column: number } | null;
  className?: string;
  id?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  'aria-label'?: string;
}

// CodeMirror and its GraphQL and JSON support load with the first dialog that edits code.
const CodeMirrorEditor = lazy(() => import('./code-mirror-editor.tsx'));

/** A real code editor (CodeMirror 6) in a bordered box that marks an invalid value. */
export function CodeEditor({ className, errorLine: _errorLine, ...props }: CodeEditorProps) {
  const box = cn(
    'overflow-hidden rounded-md border border-input bg-background shadow-xs focus-within:border-ring focus-within:ring-2 focus-within:ring-ring/25',
    props['aria-invalid'] && 'border-destructive',
    className,
  );
  return (
    <Suspense fallback={<div className={cn(box, 'animate-pulse bg-muted')} aria-busy="true" />}>
      <CodeMirrorEditor {...props} className={box} />
    </Suspense>
  );
}
