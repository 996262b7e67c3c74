import { useEffect, useRef } from 'react';
import { defaultKeymap } from '@codemirror/commands';
import { bracketMatching, foldGutter, foldKeymap } from '@codemirror/language';
import { highlightSelectionMatches } from '@codemirror/search';
import { EditorState, RangeSetBuilder, StateEffect, StateField, type Range } from '@codemirror/state';
import { Decoration, drawSelection, EditorView, highlightActiveLineGutter, keymap, lineNumbers, type DecorationSet } from '@codemirror/view';
import { graphqlLanguageSupport } from 'cm6-graphql';
import { studioCodeTheme } from '@/components/code/code-theme';
import { outlineSdl } from './sdl-outline.ts';

export interface SdlCodeViewProps {
  sdl: string;
  label: string;
  /** Search matches from the toolbar, and which one is current. */
  matches: [number, number][];
  current: number;
  /** A type picked in the toolbar; the nonce makes picking the same type twice jump again. */
  jump: { type: string; nonce: number } | null;
  onDefinitions: (names: string[]) => void;
  /** Ctrl/Cmd-F in the document: the toolbar's search box takes over, with the selected text. */
  onFind: (selected: string) => void;
}

const setSearch = StateEffect.define<{ matches: [number, number][]; current: number }>();
const setTarget = StateEffect.define<number | null>();

/** Search matches: marked, numbered (`data-match`), the current one stronger. */
const searchField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(value, tr) {
    for (const e of tr.effects) {
      if (!e.is(setSearch)) continue;
      const builder = new RangeSetBuilder<Decoration>();
      e.value.matches.forEach(([from, to], i) => {
        const cls = i === e.value.current ? 'cm-sdl-match cm-sdl-match-current' : 'cm-sdl-match';
        builder.add(from, to, Decoration.mark({ class: cls, attributes: { 'data-match': String(i) } }));
      });
      value = builder.finish();
    }
    return value;
  },
  provide: (f) => EditorView.decorations.from(f),
});

/** The line of the type last jumped to. */
const targetField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(value, tr) {
    for (const e of tr.effects) {
      if (e.is(setTarget)) value = e.value === null ? Decoration.none : Decoration.set([Decoration.line({ class: 'cm-sdl-target' }).range(e.value)]);
    }
    return value;
  },
  provide: (f) => EditorView.decorations.from(f),
});

const viewerTheme = EditorView.theme({
  '.cm-sdl-ref': { color: 'var(--code-type)', textDecoration: 'underline dotted', textUnderlineOffset: '2px', cursor: 'pointer' },
  '.cm-sdl-ref:hover': { textDecorationStyle: 'solid' },
  '.cm-sdl-definition': { color: 'var(--code-definition)', fontWeight: '600' },
  '.cm-sdl-match': { backgroundColor: 'color-mix(in oklab, #facc15 50%, transparent)', borderRadius: '2px' },
  '.cm-sdl-match-current': { backgroundColor: 'color-mix(in oklab, #f97316 75%, transparent)', outline: '1px solid #f97316' },
  '.cm-sdl-target': { backgroundColor: 'color-mix(in oklab, var(--code-definition) 12%, transparent)' },
  '.cm-content': { padding: '8px 0' },
});

/** Type names link to their definitions; definitions are anchors (`data-type-definition`). */
function typeLinks(sdl: string) {
  const { definitions, refs } = outlineSdl(sdl);
  const marks: Range<Decoration>[] = [];
  for (const [name, at] of definitions) {
    marks.push(Decoration.mark({ class: 'cm-sdl-definition', attributes: { 'data-type-definition': name } }).range(at.from, at.to));
  }
  for (const r of refs) {
    marks.push(Decoration.mark({ tagName: 'a', class: 'cm-sdl-ref', attributes: { href: `#type-${r.name}`, 'data-ref': r.name } }).range(r.from, r.to));
  }
  return { definitions, decorations: Decoration.set(marks, true) };
}

/**
 * The SDL itself: CodeMirror 6, read-only, with GraphQL highlighting, line numbers, folding
 * and the studio's theme. Loaded lazily by sdl-viewer.tsx, so pages without a schema never
 * fetch it. CodeMirror draws only the lines in view, which keeps large supergraphs quick.
 */
export default function SdlCodeView({ sdl, label, matches, current, jump, onDefinitions, onFind }: SdlCodeViewProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const callbacks = useRef({ onDefinitions, onFind });
  useEffect(() => {
    callbacks.current = { onDefinitions, onFind };
  }, [onDefinitions, onFind]);
  const jumpTo = useRef<(type: string) => void>(() => {});

  useEffect(() => {
    const { definitions, decorations } = typeLinks(sdl);
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: sdl,
        extensions: [
          lineNumbers(),
          foldGutter(),
          highlightActiveLineGutter(),
          drawSelection(),
          bracketMatching(),
          highlightSelectionMatches(),
          EditorState.readOnly.of(true),
          graphqlLanguageSupport(),
          studioCodeTheme,
          viewerTheme,
          EditorView.decorations.of(decorations),
          searchField,
          targetField,
          keymap.of([
            {
              key: 'Mod-f',
              run: (v) => {
                const { from, to } = v.state.selection.main;
                callbacks.current.onFind(v.state.sliceDoc(from, Math.min(to, from + 200)));
                return true;
              },
            },
            ...defaultKeymap,
            ...foldKeymap,
          ]),
          EditorView.contentAttributes.of({ 'aria-label': label, 'aria-readonly': 'true' }),
          EditorView.domEventHandlers({
            click(event) {
              const link = (event.target as HTMLElement).closest<HTMLElement>('[data-ref]');
              if (!link) return false;
              event.preventDefault();
              jumpTo.current(link.dataset.ref!);
              return true;
            },
          }),
        ],
      }),
    });
    jumpTo.current = (type) => {
      const at = definitions.get(type);
      if (!at) return;
      editor.dispatch({
        selection: { anchor: at.from },
        effects: [setTarget.of(editor.state.doc.lineAt(at.from).from), EditorView.scrollIntoView(at.from, { y: 'start', yMargin: 64 })],
      });
    };
    view.current = editor;
    callbacks.current.onDefinitions([...definitions.keys()].sort());
    return () => {
      editor.destroy();
      view.current = null;
    };
  }, [sdl, label]);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const at = matches[current];
    editor.dispatch({
      effects: [setSearch.of({ matches, current }), ...(at ? [EditorView.scrollIntoView(at[0], { y: 'center' })] : [])],
    });
  }, [matches, current, sdl]);

  useEffect(() => {
    if (jump) jumpTo.current(jump.type);
  }, [jump, sdl]);

  return <div ref={host} role="region" aria-label={label} className="min-w-0" />;
}
