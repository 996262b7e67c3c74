import { cn } from '@/lib/utils';

/** The mark from public/favicon.svg, drawn in currentColor so it follows the theme. */
export function LogoMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" fill="none" aria-hidden className={cn('size-6', className)}>
      <rect width="32" height="32" rx="7" className="fill-foreground" />
      <path d="M7 11h8l4 10h6" className="stroke-background" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round" />
      <path d="M7 21h6" className="stroke-background/60" strokeWidth="2.5" strokeLinecap="round" />
      <circle cx="25" cy="11" r="2.5" className="fill-emerald-400" />
    </svg>
  );
}

export function Logo({ className }: { className?: string }) {
  return (
    <span className={cn('inline-flex items-center gap-2 text-[13px] font-semibold tracking-tight', className)}>
      <LogoMark />
      Switchyard
    </span>
  );
}
