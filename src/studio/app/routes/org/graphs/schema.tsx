import { GraphSchemaView } from '@/features/graphs/components/graph-schema-view';

export function Component() {
  return <GraphSchemaView />;
}
