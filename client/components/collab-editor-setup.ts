/**
 * The co-editor's CodeMirror configuration: the extensions it runs with, its key bindings, its
 * toolbar, and the view bound to the page's shared text. The page, the connection and the panels
 * stay in lc-collab-editor.ts.
 */
import { css, html, nothing } from 'lit';
import * as Y from 'yjs';
import { EditorState, type Extension } from '@codemirror/state';
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
import { yCollab, yUndoManagerKeymap } from 'y-codemirror.next';
import type { Awareness } from 'y-protocols/awareness';
import { t } from '../i18n/index.js';
import { fileDropExtension, type UploadStatus } from '../lib/cm-file-drop.js';
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

export const editorStyles = css`
  .cm { border: 1px solid #c9c4b5; background: #fff; min-height: 24rem; }
  .cm .cm-editor { min-height: 24rem; }
  /* CodeMirror's own focus mark is a 1px dotted line: the app's focus ring instead (RGAA 10.7). */
  .cm .cm-editor.cm-focused { outline: 3px solid #1f4f9c; outline-offset: 2px; }
  .cm .cm-editor.cm-focused { outline: 2px solid #2f6f4f; }
  .toolbar { display: flex; flex-wrap: wrap; gap: 0.25rem; margin: 0 0 0.3rem; }
  .toolbar button { font: inherit; font-size: 0.9rem; min-width: 2.2rem; padding: 0.2rem 0.5rem; border: 1px solid #c9c4b5; border-radius: 4px; background: #fff; color: #1d2a24; cursor: pointer; }
  .toolbar button:hover { background: #f1efe8; }
  .toolbar button:focus-visible { outline: 2px solid #2f6f4f; outline-offset: 1px; }
`;

/** The toolbar's buttons (for those who may write), each running its command on the text. */
export function renderToolbar(
  canWrite: boolean,
  run: (command: (view: EditorView) => boolean) => void,
) {
  if (!canWrite) return nothing;
  return html`<div class="toolbar" role="toolbar" aria-label=${t('collab.tool.bar')} aria-controls="cm">
      ${TOOLBAR.map(
        (
          b,
        ) => html`<button type="button" aria-label=${t(b.key)} title=${t(b.key)} @click=${() => run(b.run)}>
          <span aria-hidden="true" style=${b.style}>${b.icon}</span>
        </button>`,
      )}
    </div>`;
}

export interface EditorOptions {
  /** Where the editor goes. */
  parent: HTMLElement;
  /** The page's shared text, and the awareness that carries the others' cursors. */
  text: Y.Text;
  awareness: Awareness;
  placeholder: string;
  readOnly: boolean;
  /** Where an upload from a drop or a paste into the text stands (writers only). */
  onUpload: (status: UploadStatus) => void;
}

/** The CodeMirror view bound to the shared text, with the others' cursors and its own undo. */
export function createEditor(o: EditorOptions): EditorView {
  const undoManager = new Y.UndoManager(o.text);
  return new EditorView({
    parent: o.parent,
    state: EditorState.create({
      doc: o.text.toString(),
      extensions: [
        editorSetup(o.placeholder),
        EditorState.readOnly.of(o.readOnly),
        EditorView.editable.of(!o.readOnly),
        // Read-only, the text is not editable and so not focusable: tabindex lets keyboard users reach and scroll it.
        EditorView.contentAttributes.of(
          o.readOnly
            ? { 'aria-label': t('collab.editor'), tabindex: '0' }
            : { 'aria-label': t('collab.editor') },
        ),
        yCollab(o.text, o.awareness, { undoManager }),
        ...(o.readOnly ? [] : [fileDropExtension(o.onUpload)]),
      ],
    }),
  });
}
