import type { Swap } from '../../../../shared/api/feature-flags.ts';
import type { FlagSubgraphRow } from '../flag-types.ts';

export interface SwapFormProps {
  org: string;
  namespace: string;
  flag: string;
  row: FlagSubgraphRow;
  pending: boolean;
  onSubmit: (swap: Swap) => void;
  /** Any edit clears the last server error, which was about the previous text. */
  onEdit: () => void;
  /** Where in the SDL the server found a syntax error. */
  serverError?: { line: number; column: number } | null;
}
