import { useEffect, useState } from 'react';
import { Check, Copy } from 'lucide-react';
import { cn } from '@/lib/utils';
import { shortSha } from '../format.ts';

/** A short sha256 that copies the whole hash on click; the full one is in its title. */
export function ShaChip({ sha256, className }: { sha256: string; className?: string }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <button
      type="button"
      title={`sha256:${sha256} (click to copy)`}
      aria-label={`Copy sha256 ${shortSha(sha256)}`}
      data-testid="sha256"
      onClick={(event) => {
        // Inside clickable rows the copy must not also select the row.
        event.stopPropagation();
        navigator.clipboard.writeText(sha256).then(
          () => setCopied(true),
          () => undefined,
        );
      }}
      className={cn(
        'inline-flex items-center gap-1 rounded px-1 font-mono text-[11px] text-muted-foreground hover:bg-accent hover:text-foreground',
        className,
      )}
    >
      {shortSha(sha256)}
      {copied ? <Check className="size-3" aria-hidden /> : <Copy className="size-3 opacity-60" aria-hidden />}
    </button>
  );
}
