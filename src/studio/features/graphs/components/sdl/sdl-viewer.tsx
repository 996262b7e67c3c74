import { lazy, Suspense, useDeferredValue, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { ChevronDown, ChevronUp, Search } from 'lucide-react';
import { cn } from '@/lib/utils';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { CopyButton } from '@/components/ui/copy-button';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { findMatches } from './sdl-search.ts';

// CodeMirror and its GraphQL grammar come with the first schema shown, not with the app.
const SdlCodeView = lazy(() => import('./sdl-code-view.tsx'));

interface SdlViewerProps {
  sdl: string;
  /** Names the document for screen readers and the search box, e.g. "Supergraph SDL". */
  label: string;
  className?: string;
}

/**
 * A read-only SDL (CodeMirror 6: highlighting, line numbers, folding) under a toolbar with
 * search, a type index and copy. Ctrl/Cmd-F in the document moves to the search box.
 */
export function SdlViewer({ sdl, label, className }: SdlViewerProps) {
  const searchBox = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  // The current match belongs to a query, so a new query starts again at its first match.
  const [cursor, setCursor] = useState({ query: '', index: 0 });
  const current = cursor.query === deferredQuery ? cursor.index : 0;
  const [definitions, setDefinitions] = useState<string[]>([]);
  const [jump, setJump] = useState<{ type: string; nonce: number } | null>(null);

  const matches = useMemo(() => findMatches(sdl, deferredQuery), [sdl, deferredQuery]);
  const lineCount = useMemo(() => sdl.split('\n').length, [sdl]);

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

  const onFind = (selected: string) => {
    if (selected.trim() && !selected.includes('\n')) setQuery(selected);
    searchBox.current?.focus();
    searchBox.current?.select();
  };

  return (
    <div className={cn('min-w-0 rounded-lg border bg-card', className)}>
      <div className="sticky top-0 z-10 flex items-center gap-2 rounded-t-lg border-b bg-surface/95 px-3 py-2 backdrop-blur">
        <div className="relative w-72">
          <Search className="pointer-events-none absolute left-2 top-1/2 size-3.5 -translate-y-1/2 text-muted-foreground" aria-hidden />
          <Input
            ref={searchBox}
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
          {deferredQuery.trim() ? (matches.length ? `${current + 1} of ${matches.length}` : 'No matches') : `${lineCount} lines`}
        </span>
        <Button variant="ghost" size="icon-sm" aria-label="Previous match" disabled={!matches.length} onClick={() => step(-1)}>
          <ChevronUp aria-hidden />
        </Button>
        <Button variant="ghost" size="icon-sm" aria-label="Next match" disabled={!matches.length} onClick={() => step(1)}>
          <ChevronDown aria-hidden />
        </Button>
        <div className="ml-auto flex items-center gap-2">
          {definitions.length > 0 && (
            // Keyed by the last jump so picking the same type twice still jumps.
            <Select key={jump?.nonce ?? 0} value="" onValueChange={(type) => setJump({ type, nonce: (jump?.nonce ?? 0) + 1 })}>
              <SelectTrigger size="sm" aria-label="Jump to type" className="w-44">
                <SelectValue placeholder={`Jump to type (${definitions.length})`} />
              </SelectTrigger>
              <SelectContent className="max-h-80">
                {definitions.map((name) => (
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
      <Suspense fallback={<div role="region" aria-label={label} aria-busy="true" className="h-40 animate-pulse bg-muted/40" />}>
        <SdlCodeView sdl={sdl} label={label} matches={matches} current={current} jump={jump} onDefinitions={setDefinitions} onFind={onFind} />
      </Suspense>
    </div>
  );
}
