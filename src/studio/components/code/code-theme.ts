import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';

/**
 * The studio's colours for CodeMirror. They are CSS variables (index.css, `--code-*`), so one
 * extension serves light and dark: switching the theme restyles open editors without
 * reconfiguring them.
 */
const highlightStyle = HighlightStyle.define([
  { tag: [t.keyword, t.definitionKeyword], color: 'var(--code-keyword)' },
  { tag: [t.string, t.special(t.string)], color: 'var(--code-string)' },
  { tag: [t.lineComment, t.comment], color: 'var(--code-comment)', fontStyle: 'italic' },
  { tag: [t.integer, t.float, t.number, t.bool, t.null, t.special(t.name)], color: 'var(--code-number)' },
  { tag: t.modifier, color: 'var(--code-directive)' },
  { tag: t.variableName, color: 'var(--code-type)' },
  { tag: [t.propertyName, t.attributeName, t.atom], color: 'var(--foreground)' },
  { tag: [t.punctuation, t.paren, t.brace, t.squareBracket, t.separator], color: 'var(--code-punct)' },
  { tag: t.invalid, color: 'var(--destructive)' },
]);

const editorTheme = EditorView.theme({
  '&': { height: '100%', fontSize: '12px', backgroundColor: 'transparent', color: 'var(--foreground)' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { fontFamily: 'var(--font-mono, ui-monospace, monospace)', lineHeight: '1.25rem' },
  '.cm-content': { caretColor: 'var(--foreground)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--foreground)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: 'color-mix(in oklab, var(--code-definition) 28%, transparent)',
  },
  '.cm-gutters': { backgroundColor: 'var(--surface)', borderRight: '1px solid var(--border)', color: 'var(--muted-foreground)' },
  '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'color-mix(in oklab, currentColor 5%, transparent)' },
  '.cm-foldPlaceholder': { backgroundColor: 'var(--muted)', border: '1px solid var(--border)', color: 'var(--muted-foreground)', padding: '0 4px' },
  '.cm-selectionMatch': { backgroundColor: 'color-mix(in oklab, var(--code-number) 18%, transparent)' },
  '.cm-searchMatch': { backgroundColor: 'color-mix(in oklab, #facc15 45%, transparent)', outline: 'none' },
  '.cm-searchMatch.cm-searchMatch-selected': { backgroundColor: 'color-mix(in oklab, #f97316 70%, transparent)' },
  // CodeMirror's own search panel (Ctrl/Cmd-F in the dialogs' editors).
  '.cm-panels': { backgroundColor: 'var(--surface)', color: 'var(--foreground)' },
  '.cm-panels.cm-panels-top': { borderBottom: '1px solid var(--border)' },
  '.cm-textfield': { backgroundColor: 'var(--background)', border: '1px solid var(--input)', borderRadius: '4px', color: 'inherit' },
  '.cm-button': { backgroundImage: 'none', backgroundColor: 'var(--muted)', border: '1px solid var(--input)', borderRadius: '4px', color: 'inherit' },
  '.cm-tooltip': { backgroundColor: 'var(--popover)', border: '1px solid var(--border)', color: 'var(--foreground)' },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: 'var(--accent)', color: 'var(--foreground)' },
});

/** Colours, gutters, selection and panels in the studio's look, light and dark. */
export const studioCodeTheme = [editorTheme, syntaxHighlighting(highlightStyle)];
