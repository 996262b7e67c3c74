import { Section } from '@/components/layout/page-header';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/spinner';
import { useFlagSchemaDiff } from '../api/get-flag-schema-diff.ts';
import { FlagSchemaDiffView } from './flag-schema-diff.tsx';

interface FlagDiffSectionProps {
  org: string;
  namespace: string;
  flag: string;
  graph: string;
  version: number;
  status: 'composed' | 'failed' | 'pending';
}

export function FlagDiffSection({ org, namespace, flag, graph, version, status }: FlagDiffSectionProps) {
  const diff = useFlagSchemaDiff(org, namespace, flag, graph, version);
  return (
    <Section
      title="Schema diff against the base graph"
      description={
        status === 'failed'
          ? `The flag's newest composition for ${graph} failed; fix the errors above to compare again.`
          : `What clients of ${graph} see differently when they send this flag.`
      }
    >
      <div data-testid="flag-schema-diff">
        {diff.isPending ? (
          <Skeleton className="h-24 w-full" />
        ) : diff.isError ? (
          <ErrorState title="Could not compare the schemas" error={diff.error} onRetry={() => void diff.refetch()} retrying={diff.isFetching} />
        ) : (
          <FlagSchemaDiffView diff={diff.data} />
        )}
      </div>
    </Section>
  );
}
