import { useMemo, useRef, type ReactNode } from 'react';
import { cn } from '@/lib/utils';
import { toLines, tokenizeSdl, type SegmentKind } from '@/features/graphs/components/sdl/tokenize';

const kindClass: Record<SegmentKind, string> = {
  plain: '',
  comment: 'text-muted-foreground italic',
  keyword: 'text-violet-700 dark:text-violet-400',
  definition: 'font-semibold text-sky-700 dark:text-sky-300',
  type: 'text-teal-700 dark:text-teal-300',
  field: 'text-foreground',
  directive: 'text-amber-700 dark:text-amber-400',
  string: 'text-emerald-700 dark:text-emerald-400',
  description: 'text-emerald-700/80 dark:text-emerald-400/80',
  number: 'text-orange-700 dark:text-orange-300',
  punct: 'text-muted-foreground',
};

function highlightSdl(text: string): ReactNode[] {
  const { segments } = tokenizeSdl(text);
  return toLines(text, segments, []).map((pieces, line) => (
    <div key={line}>
      {pieces.length === 0
        ? '\n'
        : pieces.map((p, i) => (
            <span key={i} className={kindClass[p.kind]}>
              {p.text}
            </span>
          ))}
    </div>
  ));
}

const JSON_TOKEN = /("(?:[^"\\\n]|\\.)*"\s*:)|("(?:[^"\\\n]|\\.)*")|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(true|false|null)/g;

function highlightJson(text: string): ReactNode[] {
  return text.split('\n').map((line, index) => {
    const out: ReactNode[] = [];
    let at = 0;
    for (const m of line.matchAll(JSON_TOKEN)) {
      if (m.index > at) out.push(line.slice(at, m.index));
      const cls = m[1] ? 'text-sky-700 dark:text-sky-300' : m[2] ? 'text-emerald-700 dark:text-emerald-400' : m[3] ? 'text-orange-700 dark:text-orange-300' : 'text-violet-700 dark:text-violet-400';
      out.push(
        <span key={m.index} className={cls}>
          {m[0]}
        </span>,
      );
      at = m.index + m[0].length;
    }
    if (at < line.length) out.push(line.slice(at));
    return <div key={index}>{out.length ? out : '\n'}</div>;
  });
}

interface CodeEditorProps {
  value: string;
  onChange: (value: string) => void;
  language: 'graphql' | 'json';
  /** The line of the current error, marked in the gutter. */
  errorLine?: number | null;
  readOnly?: boolean;
  className?: string;
  id?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  'aria-label'?: string;
}

/**
 * A textarea over a highlighted copy of its text: the textarea's own glyphs are
 * transparent, so the caret, selection and native editing stay the browser's while the
 * colours come from graphql's lexer. Monaco stays in the playground's chunk.
 */
export function CodeEditor({ value, onChange, language, errorLine, readOnly, className, ...rest }: CodeEditorProps) {
  const overlay = useRef<HTMLDivElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const highlighted = useMemo(() => (language === 'graphql' ? highlightSdl(value) : highlightJson(value)), [value, language]);
  const lineCount = value.split('\n').length;
  const text = 'font-mono text-[12px] leading-5 whitespace-pre px-2.5 py-1.5';

  return (
    <div
      className={cn(
        'flex overflow-hidden rounded-md border border-input bg-background shadow-xs focus-within:border-ring focus-within:ring-2 focus-within:ring-ring/25',
        rest['aria-invalid'] && 'border-destructive',
        className,
      )}
    >
      <div ref={gutter} aria-hidden className="select-none overflow-hidden border-r bg-surface py-1.5 text-right font-mono text-[12px] leading-5 text-muted-foreground/60">
        {Array.from({ length: lineCount }, (_, i) => (
          <div key={i} className={cn('px-2', errorLine === i + 1 && 'bg-destructive/15 text-destructive')}>
            {i + 1}
          </div>
        ))}
      </div>
      <div className="relative min-w-0 flex-1">
        <div ref={overlay} aria-hidden className={cn('pointer-events-none absolute inset-0 overflow-hidden', text)}>
          {highlighted}
        </div>
        <textarea
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          autoCorrect="off"
          wrap="off"
          readOnly={readOnly}
          value={value}
          data-language={language}
          onChange={(event) => onChange(event.target.value)}
          onScroll={(event) => {
            const { scrollTop, scrollLeft } = event.currentTarget;
            if (overlay.current) {
              overlay.current.scrollTop = scrollTop;
              overlay.current.scrollLeft = scrollLeft;
            }
            if (gutter.current) gutter.current.scrollTop = scrollTop;
          }}
          onKeyDown={(event) => {
            // Tab indents instead of leaving the editor; Escape then Tab still moves focus.
            if (event.key !== 'Tab' || event.shiftKey || readOnly) return;
            event.preventDefault();
            const el = event.currentTarget;
            const { selectionStart, selectionEnd } = el;
            onChange(`${value.slice(0, selectionStart)}  ${value.slice(selectionEnd)}`);
            requestAnimationFrame(() => el.setSelectionRange(selectionStart + 2, selectionStart + 2));
          }}
          className={cn(
            'absolute inset-0 h-full w-full resize-none overflow-auto bg-transparent text-transparent caret-foreground outline-none selection:bg-sky-400/30',
            text,
          )}
          {...rest}
        />
      </div>
    </div>
  );
}
