/**
 * The co-editor's CodeMirror configuration: the extensions it runs with, its key bindings and its
 * toolbar. The page, the connection and the panels stay in lc-collab-editor.ts.
 */
import type { Extension } from '@codemirror/state';
import {
  EditorView,
  drawSelection,
  dropCursor,
  highlightActiveLine,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  placeholder,
} from '@codemirror/view';
import {
  bracketMatching,
  defaultHighlightStyle,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language';
import { defaultKeymap, indentWithTab } from '@codemirror/commands';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { markdown } from '@codemirror/lang-markdown';
import { yUndoManagerKeymap } from 'y-codemirror.next';
import {
  wrapSelection,
  prefixLines,
  insertLink,
  insertWikiLink,
} from './collab-editor-commands.js';

/**
 * The editor setup: the standard key bindings and search, with y-codemirror's undo manager
 * (undo and redo of one's own edits only) instead of CodeMirror's history.
 */
export const editorSetup = (placeholderText: string): Extension => [
  lineNumbers(),
  highlightSpecialChars(),
  drawSelection(),
  dropCursor(),
  indentOnInput(),
  highlightActiveLine(),
  highlightSelectionMatches(),
  bracketMatching(),
  syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
  markdown(),
  EditorView.lineWrapping,
  placeholder(placeholderText),
  keymap.of([
    ...yUndoManagerKeymap,
    { key: 'Mod-b', run: wrapSelection('**'), preventDefault: true },
    { key: 'Mod-i', run: wrapSelection('_'), preventDefault: true },
    { key: 'Mod-k', run: insertLink, preventDefault: true },
    // Saving is automatic: Ctrl+S must not open the browser's "save page" dialog.
    { key: 'Mod-s', run: () => true, preventDefault: true },
    ...searchKeymap,
    ...defaultKeymap,
    indentWithTab,
  ]),
];

/** The toolbar: label key, icon text, command. */
export const TOOLBAR = [
  { key: 'collab.tool.bold', icon: 'B', style: 'font-weight:700', run: wrapSelection('**') },
  { key: 'collab.tool.italic', icon: 'I', style: 'font-style:italic', run: wrapSelection('_') },
  { key: 'collab.tool.heading', icon: 'H', style: 'font-weight:700', run: prefixLines('## ') },
  { key: 'collab.tool.link', icon: '↗', style: 'font-weight:700', run: insertLink },
  {
    key: 'collab.tool.wikilink',
    icon: '[[ ]]',
    style: 'font-family:ui-monospace,monospace',
    run: insertWikiLink,
  },
  { key: 'collab.tool.list', icon: '•', style: 'font-weight:700', run: prefixLines('- ') },
] as const;
