import { useEffect, useRef, type ChangeEvent } from 'react';
import { cn } from '@/lib/utils';

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
}

function offsetOf(text: string, { line, column }: SdlPosition): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const eol = text.indexOf('\n', offset);
    if (eol < 0) return text.length;
    offset = eol + 1;
  }
  return Math.min(offset + column - 1, text.length);
}

/** A plain monospace textarea with line numbers; Monaco is kept for the playground. */
export function SdlEditor({ value, onChange, errorAt, ...rest }: SdlEditorProps) {
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const lineCount = value.split('\n').length;

  useEffect(() => {
    if (!errorAt || !area.current) return;
    const at = offsetOf(value, errorAt);
    area.current.focus();
    area.current.setSelectionRange(at, at);
    // Only when a new error arrives, not on every keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [errorAt]);

  return (
    <div
      className={cn(
        'flex h-80 overflow-hidden rounded-md border border-input bg-background shadow-xs focus-within:border-ring focus-within:ring-2 focus-within:ring-ring/25',
        rest['aria-invalid'] && 'border-destructive',
      )}
    >
      <div ref={gutter} aria-hidden className="select-none overflow-hidden border-r bg-surface py-1.5 text-right font-mono text-[12px] leading-5 text-muted-foreground/60">
        {Array.from({ length: lineCount }, (_, i) => (
          <div key={i} className={cn('px-2', errorAt?.line === i + 1 && 'bg-destructive/15 text-destructive')}>
            {i + 1}
          </div>
        ))}
      </div>
      <textarea
        ref={area}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        wrap="off"
        value={value}
        onChange={(event: ChangeEvent<HTMLTextAreaElement>) => onChange(event.target.value)}
        onScroll={(event) => {
          if (gutter.current) gutter.current.scrollTop = event.currentTarget.scrollTop;
        }}
        onKeyDown={(event) => {
          // Tab indents instead of leaving the editor; Escape then Tab still moves focus.
          if (event.key !== 'Tab' || event.shiftKey) return;
          event.preventDefault();
          const el = event.currentTarget;
          const { selectionStart, selectionEnd } = el;
          const next = `${value.slice(0, selectionStart)}  ${value.slice(selectionEnd)}`;
          onChange(next);
          requestAnimationFrame(() => el.setSelectionRange(selectionStart + 2, selectionStart + 2));
        }}
        className="min-w-0 flex-1 resize-none bg-transparent px-2.5 py-1.5 font-mono text-[12px] leading-5 outline-none"
        {...rest}
      />
    </div>
  );
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
