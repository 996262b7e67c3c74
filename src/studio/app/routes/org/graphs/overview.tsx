import { GraphOverview } from '@/features/graphs/components/graph-overview';

export function Component() {
  return <GraphOverview />;
}
