import { CodeEditor } from '@/components/code/code-editor';

export interface SdlPosition {
  line: number;
  column: number;
}

interface SdlEditorProps {
  value: string;
  onChange: (value: string) => void;
  /** The server's syntax error position: the caret moves there and the line is shown. */
  errorAt?: SdlPosition | null;
  id?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  'aria-label'?: string;
}

/**
 * The publish and create dialogs' SDL: the swap dialogs' CodeMirror (lazy), which marks
 * syntax errors as you type, completes directives, searches and folds. A contenteditable
 * cannot be named by <label for>, so it carries its own label.
 */
export function SdlEditor({ errorAt, 'aria-label': label = 'Schema (SDL)', ...rest }: SdlEditorProps) {
  return <CodeEditor language="graphql" className="h-80" cursorAt={errorAt ?? null} aria-label={label} {...rest} />;
}

/** The line the error is on, with a caret under the column. */
export function SdlErrorExcerpt({ sdl, at }: { sdl: string; at: SdlPosition }) {
  const line = sdl.split('\n')[at.line - 1];
  if (line === undefined) return null;
  return (
    <pre className="overflow-x-auto rounded-md border border-destructive/30 bg-destructive/5 px-2.5 py-1.5 font-mono text-[11.5px] leading-5" data-testid="sdl-error-excerpt">
      <span className="text-muted-foreground">{String(at.line).padStart(4)} │ </span>
      {line}
      {'\n'}
      <span className="text-muted-foreground">{' '.repeat(4)} │ </span>
      <span className="text-destructive">{' '.repeat(Math.max(at.column - 1, 0))}^</span>
    </pre>
  );
}
