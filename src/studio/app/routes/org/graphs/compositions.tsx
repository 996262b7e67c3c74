import { CompositionHistory } from '@/features/graphs/components/compositions-table';

export function Component() {
  return <CompositionHistory />;
}
