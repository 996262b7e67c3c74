import { useEffect, useRef } from 'react';
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { json, jsonParseLinter } from '@codemirror/lang-json';
import { bracketMatching, foldGutter, foldKeymap, indentOnInput } from '@codemirror/language';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import { EditorState, type Extension } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import { graphqlLanguageSupport } from 'cm6-graphql';
import { parse, type GraphQLError } from 'graphql';
import { studioCodeTheme } from './code-theme.ts';
import type { CodeEditorProps } from './code-editor.tsx';

/** Directives a subgraph schema uses: GraphQL's own and Federation v2's. */
const DIRECTIVES: [string, string][] = [
  ['key', 'Federation: the fields that identify an entity'],
  ['shareable', 'Federation: more than one subgraph may resolve this field'],
  ['external', 'Federation: defined and resolved by another subgraph'],
  ['requires', 'Federation: fields of the entity this field needs'],
  ['provides', 'Federation: fields of the returned entity this subgraph resolves'],
  ['override', 'Federation: take this field over from another subgraph'],
  ['inaccessible', 'Federation: hide from the client schema'],
  ['tag', 'Federation: a label for contracts'],
  ['interfaceObject', 'Federation: an interface seen as an object here'],
  ['composeDirective', 'Federation: keep a custom directive in the supergraph'],
  ['authenticated', 'Federation: only for authenticated requests'],
  ['requiresScopes', 'Federation: only with these scopes'],
  ['policy', 'Federation: only when these policies allow'],
  ['link', 'Import a spec, e.g. federation v2'],
  ['extends', 'Federation v1: the type extends one defined elsewhere'],
  ['deprecated', 'Mark a field or enum value as deprecated'],
  ['specifiedBy', "A custom scalar's specification URL"],
  ['oneOf', 'Exactly one field of this input must be given'],
];

/** "@…" completes to the directives above and to any the document declares. */
function directiveCompletion(context: CompletionContext): CompletionResult | null {
  const word = context.matchBefore(/@\w*/);
  if (!word || (word.from === word.to && !context.explicit)) return null;
  const declared = [...context.state.doc.toString().matchAll(/\bdirective\s+@(\w+)/g)].map((m) => m[1]!);
  const known = new Set(DIRECTIVES.map(([name]) => name));
  return {
    from: word.from + 1,
    options: [
      ...DIRECTIVES.map(([label, detail]) => ({ label, detail, type: 'keyword' })),
      ...declared.filter((name) => !known.has(name)).map((label) => ({ label, detail: 'declared here', type: 'function' })),
    ],
    validFor: /^\w*$/,
  };
}

/** A syntax error from graphql's parser, marked where it is, as the form's own check reports it. */
function sdlLinter(view: EditorView): Diagnostic[] {
  const text = view.state.doc.toString();
  if (!text.trim()) return [];
  try {
    parse(text);
    return [];
  } catch (err) {
    const e = err as GraphQLError;
    const loc = e.locations?.[0];
    if (!loc) return [];
    const line = view.state.doc.line(Math.min(loc.line, view.state.doc.lines));
    const from = Math.min(line.from + loc.column - 1, line.to);
    return [{ from, to: Math.max(from, Math.min(from + 1, line.to)), severity: 'error', message: e.message.replace(/^Syntax Error: /, '') }];
  }
}

/**
 * CodeMirror 6 for the dialogs' SDL and JSON: highlighting, validation markers as you type,
 * directive completion, search (Ctrl/Cmd-F) and folding. Loaded lazily by code-editor.tsx, so
 * the editor's code comes with the first dialog that needs it.
 */
export default function CodeMirrorEditor({ value, onChange, language, readOnly, cursorAt, className, id, ...aria }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  }, [onChange]);

  useEffect(() => {
    const languageExtensions: Extension[] =
      language === 'graphql'
        ? [graphqlLanguageSupport(), linter(sdlLinter, { delay: 150 }), autocompletion({ override: [directiveCompletion] })]
        : [json(), linter(jsonParseLinter(), { delay: 150 }), autocompletion()];
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          foldGutter(),
          lintGutter(),
          highlightActiveLineGutter(),
          history(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          closeBrackets(),
          highlightActiveLine(),
          highlightSelectionMatches(),
          search({ top: true }),
          keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...foldKeymap, ...completionKeymap, indentWithTab]),
          EditorState.readOnly.of(Boolean(readOnly)),
          studioCodeTheme,
          ...languageExtensions,
          EditorView.updateListener.of((update) => {
            if (update.docChanged) latest.current(update.state.doc.toString());
          }),
          EditorView.contentAttributes.of({
            ...(id ? { id } : {}),
            'data-language': language,
            ...(aria['aria-label'] ? { 'aria-label': aria['aria-label'] } : {}),
            ...(aria['aria-describedby'] ? { 'aria-describedby': aria['aria-describedby'] } : {}),
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // The editor is made once per language; value changes flow in below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [language, readOnly]);

  // A value set from outside (the base schema loading, a reset) replaces the document.
  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
    }
  }, [value]);

  // A new error position from the server: caret there, in view. Keyed by line and column,
  // so a re-render with an equal position (a new object) leaves the caret alone.
  const cursorLine = cursorAt?.line;
  const cursorColumn = cursorAt?.column;
  useEffect(() => {
    const editor = view.current;
    if (!editor || cursorLine === undefined || cursorColumn === undefined) return;
    const doc = editor.state.doc;
    const line = doc.line(Math.min(Math.max(cursorLine, 1), doc.lines));
    const at = Math.min(line.from + Math.max(cursorColumn - 1, 0), line.to);
    editor.dispatch({ selection: { anchor: at }, effects: EditorView.scrollIntoView(at, { y: 'center' }) });
    editor.focus();
  }, [cursorLine, cursorColumn]);

  const invalid = Boolean(aria['aria-invalid']);
  useEffect(() => {
    view.current?.contentDOM.setAttribute('aria-invalid', invalid ? 'true' : 'false');
  }, [invalid]);

  return <div ref={host} className={className} />;
}
