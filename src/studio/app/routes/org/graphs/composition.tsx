import { CompositionDetailView } from '@/features/graphs/components/composition-detail';

export function Component() {
  return <CompositionDetailView />;
}
