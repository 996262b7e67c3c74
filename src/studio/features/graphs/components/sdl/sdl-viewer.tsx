import { useDeferredValue, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { ChevronDown, ChevronUp, Search } from 'lucide-react';
import { cn } from '@/lib/utils';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { CopyButton } from '@/components/ui/copy-button';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { findMatches, toLines, tokenizeSdl, type Piece, type SegmentKind } from './tokenize.ts';

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

interface SdlViewerProps {
  sdl: string;
  /** Names the document for screen readers and the search box, e.g. "Supergraph SDL". */
  label: string;
  className?: string;
}

/**
 * A read-only, highlighted SDL with search and type links. Monaco would be ~1 MB; the
 * studio only needs to read schemas here, so this uses graphql's lexer and plain spans.
 */
export function SdlViewer({ sdl, label, className }: SdlViewerProps) {
  const idPrefix = useId().replace(/:/g, '');
  const container = useRef<HTMLDivElement>(null);
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  // The current match belongs to a query, so a new query starts again at its first match.
  const [cursor, setCursor] = useState({ query: '', index: 0 });
  const current = cursor.query === deferredQuery ? cursor.index : 0;
  const [target, setTarget] = useState<string | null>(null);

  const { segments, definitions } = useMemo(() => tokenizeSdl(sdl), [sdl]);
  const matches = useMemo(() => findMatches(sdl, deferredQuery), [sdl, deferredQuery]);
  const lines = useMemo(() => toLines(sdl, segments, matches), [sdl, segments, matches]);
  const anchorId = (type: string) => `${idPrefix}-type-${type}`;

  useEffect(() => {
    if (matches.length === 0) return;
    const el = container.current?.querySelector(`[data-match="${current}"]`);
    el?.scrollIntoView({ block: 'center' });
  }, [current, matches]);

  const step = (delta: number) => {
    if (matches.length === 0) return;
    setCursor({ query: deferredQuery, index: (current + delta + matches.length) % matches.length });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      step(event.shiftKey ? -1 : 1);
    } else if (event.key === 'Escape') setQuery('');
  };

  const jumpTo = (type: string) => {
    document.getElementById(anchorId(type))?.scrollIntoView({ block: 'start' });
    setTarget(type);
  };

  const renderPiece = (piece: Piece, key: number, anchored: Set<string>) => {
    const classes = cn(
      kindClass[piece.kind],
      piece.match !== undefined && 'rounded-[2px] bg-yellow-300/60 text-foreground dark:bg-yellow-500/40',
      piece.match === current && 'bg-orange-400/80 ring-1 ring-orange-500 dark:bg-orange-500/70',
    );
    const match = piece.match !== undefined ? { 'data-match': piece.match } : {};
    if (piece.ref) {
      return (
        <a
          key={key}
          href={`#${anchorId(piece.ref)}`}
          className={cn(classes, 'underline decoration-dotted underline-offset-2 hover:decoration-solid')}
          onClick={(event) => {
            event.preventDefault();
            jumpTo(piece.ref!);
          }}
          {...match}
        >
          {piece.text}
        </a>
      );
    }
    let id: string | undefined;
    if (piece.defines && !anchored.has(piece.defines)) {
      anchored.add(piece.defines);
      id = anchorId(piece.defines);
    }
    return (
      <span key={key} id={id} data-type-definition={id ? piece.defines : undefined} className={cn(classes, id && 'scroll-mt-24')} {...match}>
        {piece.text}
      </span>
    );
  };

  const anchored = new Set<string>();
  const gutter = String(lines.length).length;

  return (
    <div className={cn('rounded-lg border bg-card', className)}>
      <div className="sticky top-0 z-10 flex items-center gap-2 rounded-t-lg border-b bg-surface/95 px-3 py-2 backdrop-blur">
        <div className="relative w-72">
          <Search className="pointer-events-none absolute left-2 top-1/2 size-3.5 -translate-y-1/2 text-muted-foreground" aria-hidden />
          <Input
            type="search"
            aria-label={`Search the ${label}`}
            placeholder="Search types, fields, directives…"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={onKeyDown}
            className="h-7 pl-7 text-xs"
          />
        </div>
        <span className="min-w-16 text-xs tabular-nums text-muted-foreground" aria-live="polite">
          {deferredQuery.trim() ? (matches.length ? `${current + 1} of ${matches.length}` : 'No matches') : `${lines.length} lines`}
        </span>
        <Button variant="ghost" size="icon-sm" aria-label="Previous match" disabled={!matches.length} onClick={() => step(-1)}>
          <ChevronUp aria-hidden />
        </Button>
        <Button variant="ghost" size="icon-sm" aria-label="Next match" disabled={!matches.length} onClick={() => step(1)}>
          <ChevronDown aria-hidden />
        </Button>
        <div className="ml-auto flex items-center gap-2">
          {definitions.size > 0 && (
            // Keyed by target so picking the same type twice still jumps.
            <Select key={target ?? ''} value="" onValueChange={jumpTo}>
              <SelectTrigger size="sm" aria-label="Jump to type" className="w-44">
                <SelectValue placeholder={`Jump to type (${definitions.size})`} />
              </SelectTrigger>
              <SelectContent className="max-h-80">
                {[...definitions].sort().map((name) => (
                  <SelectItem key={name} value={name}>
                    {name}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          )}
          <CopyButton value={sdl} label="Copy SDL" />
        </div>
      </div>
      <div ref={container} role="region" aria-label={label} className="overflow-x-auto py-2 font-mono text-[12px] leading-5">
        <table className="border-collapse">
          <tbody>
            {lines.map((pieces, index) => {
              const isTarget = target !== null && pieces.some((p) => p.defines === target);
              return (
                <tr key={index} className={cn(isTarget && 'bg-sky-500/10')}>
                  <td
                    aria-hidden
                    className="select-none px-3 text-right align-top text-muted-foreground/60"
                    style={{ minWidth: `${gutter + 2}ch` }}
                  >
                    {index + 1}
                  </td>
                  <td className="whitespace-pre pr-6">{pieces.length ? pieces.map((p, i) => renderPiece(p, i, anchored)) : '\n'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
