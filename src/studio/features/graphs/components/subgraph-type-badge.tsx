import type { SubgraphKind } from '../../../../shared/router-config.ts';
import { Badge } from '@/components/ui/badge';

const variants = { standard: 'neutral', grpc_plugin: 'violet', grpc_service: 'info' } as const;

export function SubgraphTypeBadge({ type }: { type: SubgraphKind }) {
  return (
    <Badge variant={variants[type]} className="font-mono text-[10.5px]" data-type={type}>
      {type}
    </Badge>
  );
}
