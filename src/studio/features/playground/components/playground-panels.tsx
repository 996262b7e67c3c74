import { ChartGantt, Library, ScrollText, Variable } from 'lucide-react';
import type { GraphiQLPlugin } from '@graphiql/react';
import { CollectionsPanel } from './collections-panel.tsx';
import { EnvironmentPanel } from './environment-panel.tsx';
import { PreflightPanel } from './preflight-panel.tsx';
import { TraceWaterfall } from './trace-waterfall.tsx';

/** The playground's own sidebar panels, beside GraphiQL's history, explorer and the query plan. */
export const playgroundPanels: GraphiQLPlugin[] = [
  { title: 'Collections', icon: () => <Library size={18} aria-hidden />, content: CollectionsPanel },
  { title: 'Environment', icon: () => <Variable size={18} aria-hidden />, content: EnvironmentPanel },
  { title: 'Preflight script', icon: () => <ScrollText size={18} aria-hidden />, content: PreflightPanel },
  { title: 'Trace', icon: () => <ChartGantt size={18} aria-hidden />, content: TraceWaterfall },
];
