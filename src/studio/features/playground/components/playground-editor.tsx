import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';
import { useEffect, useMemo } from 'react';
import { buildSchema, type GraphQLSchema } from 'graphql';
import { GraphiQL, HISTORY_PLUGIN } from 'graphiql';
import { explorerPlugin } from '@graphiql/plugin-explorer';
import { useGraphiQL, type GraphiQLPlugin } from '@graphiql/react';
import { Network } from 'lucide-react';
import { createRouterFetcher } from '../lib/router-fetcher.ts';
import { prepareRequest } from '../lib/prepare-request.ts';
import { usePlaygroundActions, useSessionStore } from './playground-provider.tsx';
import { QueryPlanView } from './query-plan-view.tsx';
import { playgroundPanels } from './playground-panels.tsx';

const queryPlanPlugin: GraphiQLPlugin = {
  title: 'Query plan',
  icon: () => <Network size={18} aria-hidden />,
  content: QueryPlanView,
};
const explorer = explorerPlugin();
const plugins = [HISTORY_PLUGIN, explorer, queryPlanPlugin, ...playgroundPanels];

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
  /** Receives a reader of the editors' current text; GraphiQL reports edits only after a debounce. */
  /** null when the editors go away (a disposed editor reads as empty). */
  onEditorsReady?: (read: (() => EditorContents) | null) => void;
}

export interface EditorContents {
  query: string | null;
  variables: string | null;
  headers: string | null;
}

/** Renders nothing; hands the page a way to read the live editors (for share links). */
function EditorsBridge({ onReady }: { onReady: (read: (() => EditorContents) | null) => void }) {
  const query = useGraphiQL((s) => s.queryEditor);
  const variables = useGraphiQL((s) => s.variableEditor);
  const headers = useGraphiQL((s) => s.headerEditor);
  useEffect(() => {
    onReady(() => ({
      query: query?.getValue() ?? null,
      variables: variables?.getValue() ?? null,
      headers: headers?.getValue() ?? null,
    }));
    return () => onReady(null);
  }, [query, variables, headers, onReady]);
  return null;
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
  const session = useSessionStore();
  const fetcher = useMemo(
    () =>
      createRouterFetcher({ routerUrl: props.routerUrl, flag: props.flag }, actions, (...args) => fetch(...args), (request) =>
        prepareRequest(session, request),
      ),
    [props.routerUrl, props.flag, actions, session],
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
    >
      {props.onEditorsReady ? (
        <GraphiQL.Toolbar>
          {({ prettify, copy, merge }) => (
            <>
              {prettify}
              {merge}
              {copy}
              <EditorsBridge onReady={props.onEditorsReady!} />
            </>
          )}
        </GraphiQL.Toolbar>
      ) : null}
    </GraphiQL>
  );
}
