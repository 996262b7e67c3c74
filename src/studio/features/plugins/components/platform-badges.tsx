import { Badge } from '@/components/ui/badge';

/** Go's `<os>_<arch>` names of the binaries in a build; linux ones are what routers run. */
export function PlatformBadges({ platforms }: { platforms: string[] }) {
  if (platforms.length === 0) return <span className="text-xs text-muted-foreground">—</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {platforms.map((p) => (
        <Badge key={p} variant={p.startsWith('linux_') ? 'info' : 'neutral'} className="font-mono text-[10.5px]" data-platform={p}>
          {p}
        </Badge>
      ))}
    </span>
  );
}
