import { Link } from 'react-router';
import type { CompositionError } from '../../../../shared/api/graphs.ts';
import { paths } from '@/config/paths';
import { Badge } from '@/components/ui/badge';

interface CompositionErrorsProps {
  org: string;
  namespace: string;
  errors: CompositionError[];
}

/** Each error with the subgraph it comes from, so the owner of the fix is obvious. */
export function CompositionErrors({ org, namespace, errors }: CompositionErrorsProps) {
  return (
    <ul aria-label="Composition errors" className="divide-y rounded-lg border border-destructive/25 bg-destructive/[0.03]">
      {errors.map((error, index) => (
        <li key={index} data-testid="composition-error" className="grid gap-1 px-3 py-2.5">
          <div className="flex flex-wrap items-center gap-1.5">
            {error.subgraph ? (
              <Link to={paths.org.subgraph.getHref(org, namespace, error.subgraph)} className="hover:underline">
                <Badge variant="danger" data-testid="error-subgraph">
                  subgraph {error.subgraph}
                </Badge>
              </Link>
            ) : (
              <Badge variant="neutral">whole graph</Badge>
            )}
            {error.code && <code className="font-mono text-[11px] text-muted-foreground">{error.code}</code>}
            {error.line !== null && (
              <span className="text-[11px] text-muted-foreground">
                line {error.line}
                {error.column !== null && `, column ${error.column}`}
              </span>
            )}
          </div>
          <p className="whitespace-pre-wrap break-words font-mono text-xs text-foreground">{error.message}</p>
        </li>
      ))}
    </ul>
  );
}
