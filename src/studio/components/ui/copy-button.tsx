import { useEffect, useState } from 'react';
import { Check, Copy } from 'lucide-react';
import { Button, type ButtonProps } from './button.tsx';

/**
 * Copies `value` (or what the function returns at click time, for values that change
 * without a re-render); says "Copied" for a moment so the person knows it worked.
 */
export function CopyButton({ value, label = 'Copy', ...props }: { value: string | (() => string); label?: string } & Omit<ButtonProps, 'onClick' | 'value'>) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(typeof value === 'function' ? value() : value);
      setState('copied');
    } catch {
      // Clipboard access needs a secure context or permission; the text stays selectable.
      setState('failed');
    }
  };

  return (
    <Button variant="outline" size="sm" onClick={() => void copy()} {...props}>
      {state === 'copied' ? <Check aria-hidden /> : <Copy aria-hidden />}
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Select and copy' : label}
    </Button>
  );
}

/** A read-only monospace box for a secret or link, with its copy button. */
export function SecretBox({ value, label }: { value: string; label: string }) {
  return (
    <div className="flex items-center gap-2">
      <input
        readOnly
        aria-label={label}
        value={value}
        onFocus={(event) => event.currentTarget.select()}
        className="h-8 min-w-0 flex-1 rounded-md border bg-surface px-2.5 font-mono text-xs"
      />
      <CopyButton value={value} />
    </div>
  );
}
