import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';
import { useEffect, useMemo } from 'react';
import { buildSchema, type GraphQLSchema } from 'graphql';
import { GraphiQL, HISTORY_PLUGIN } from 'graphiql';
import { explorerPlugin } from '@graphiql/plugin-explorer';
import { useGraphiQL, useGraphiQLActions, type GraphiQLPlugin } from '@graphiql/react';
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
  /** Receives a handle on the live editors; GraphiQL reports edits only after a debounce. */
  /** null when the editors go away (a disposed editor reads as empty). */
  onEditorsReady?: (editors: LiveEditors | null) => void;
}

export interface EditorContents {
  query: string | null;
  variables: string | null;
  headers: string | null;
}

/** The mounted editors, for the page outside GraphiQL's provider. */
export interface LiveEditors {
  /** Their current text (for share links and saving). */
  read: () => EditorContents;
  /** Puts an operation into the active tab, as if typed there. */
  open: (contents: { query: string; variables: string | null; headers: string | null }) => void;
}

/** Renders nothing; hands the page a way to read and fill the live editors. */
function EditorsBridge({ onReady }: { onReady: (editors: LiveEditors | null) => void }) {
  const query = useGraphiQL((s) => s.queryEditor);
  const variables = useGraphiQL((s) => s.variableEditor);
  const headers = useGraphiQL((s) => s.headerEditor);
  const response = useGraphiQL((s) => s.responseEditor);
  const { updateActiveTabValues } = useGraphiQLActions();
  useEffect(() => {
    onReady({
      read: () => ({
        query: query?.getValue() ?? null,
        variables: variables?.getValue() ?? null,
        headers: headers?.getValue() ?? null,
      }),
      // Filling the editors in place, rather than remounting GraphiQL with new initial text:
      // a remount restores the tabs GraphiQL keeps in localStorage and appends the text as
      // one more tab behind them. Setting the values fires GraphiQL's own change handlers
      // (tab state, onEdit* callbacks); the tab is updated at once too, so its title follows
      // without waiting for their debounce, and the previous answer is cleared.
      open: (op) => {
        query?.setValue(op.query);
        variables?.setValue(op.variables ?? '');
        headers?.setValue(op.headers ?? '');
        response?.setValue('');
        updateActiveTabValues({ query: op.query, variables: op.variables, headers: op.headers, operationName: null, response: null });
      },
    });
    return () => onReady(null);
  }, [query, variables, headers, response, updateActiveTabValues, onReady]);
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
