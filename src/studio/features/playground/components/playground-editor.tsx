import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';
import { useMemo } from 'react';
import { buildSchema, type GraphQLSchema } from 'graphql';
import { GraphiQL, HISTORY_PLUGIN } from 'graphiql';
import { explorerPlugin } from '@graphiql/plugin-explorer';
import type { GraphiQLPlugin } from '@graphiql/react';
import { Network } from 'lucide-react';
import { createRouterFetcher } from '../lib/router-fetcher.ts';
import { usePlaygroundActions } from './playground-provider.tsx';
import { QueryPlanView } from './query-plan-view.tsx';

const queryPlanPlugin: GraphiQLPlugin = {
  title: 'Query plan',
  icon: () => <Network size={18} aria-hidden />,
  content: QueryPlanView,
};
const explorer = explorerPlugin();
const plugins = [HISTORY_PLUGIN, explorer, queryPlanPlugin];

export interface PlaygroundEditorProps {
  routerUrl: string;
  flag: string | null;
  /** The composed client schema of the target, from the registry: docs and autocomplete come from it, not introspection. */
  clientSchema: string;
  initialQuery?: string | undefined;
  initialVariables?: string | undefined;
  initialHeaders?: string | undefined;
  theme: 'light' | 'dark';
  onEditQuery?: (value: string) => void;
  onEditVariables?: (value: string) => void;
  onEditHeaders?: (value: string) => void;
}

function toSchema(sdl: string): GraphQLSchema | null {
  try {
    return buildSchema(sdl, { assumeValidSDL: true });
  } catch {
    return null;
  }
}

export function PlaygroundEditor(props: PlaygroundEditorProps) {
  const actions = usePlaygroundActions();
  const fetcher = useMemo(
    () => createRouterFetcher({ routerUrl: props.routerUrl, flag: props.flag }, actions),
    [props.routerUrl, props.flag, actions],
  );
  const schema = useMemo(() => toSchema(props.clientSchema), [props.clientSchema]);
  return (
    <GraphiQL
      fetcher={fetcher}
      schema={schema}
      plugins={plugins}
      forcedTheme={props.theme}
      initialQuery={props.initialQuery}
      initialVariables={props.initialVariables}
      initialHeaders={props.initialHeaders}
      defaultEditorToolsVisibility={props.initialHeaders ? 'headers' : undefined}
      isHeadersEditorEnabled
      shouldPersistHeaders={false}
      onEditQuery={props.onEditQuery}
      onEditVariables={props.onEditVariables}
      onEditHeaders={props.onEditHeaders}
    />
  );
}
