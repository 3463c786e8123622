import type { Extension } from '@codemirror/state';
import { ViewPlugin, type EditorView, type ViewUpdate } from '@codemirror/view';
import { transferredFiles, uploadAsMarkdown } from './file-upload.js';

/** What an upload started from the editor reports. */
export type UploadStatus =
  | { state: 'uploading'; count: number }
  | { state: 'done'; count: number }
  | { state: 'error'; error: unknown };

/**
 * CodeMirror: files dropped on or pasted into the text are uploaded, and the markdown showing
 * them is inserted where they were dropped (or at the caret for a paste) once the upload is
 * done. The position follows the edits made meanwhile, by the writer or by co-editors.
 * @param report told when an upload starts, ends or fails.
 */
export function fileDropExtension(report: (status: UploadStatus) => void): Extension {
  return ViewPlugin.fromClass(
    class {
      /** Insertion points of uploads in progress, mapped through every change. */
      pending: { pos: number }[] = [];

      update(u: ViewUpdate) {
        if (u.docChanged) for (const p of this.pending) p.pos = u.changes.mapPos(p.pos);
      }

      handle(
        event: Event,
        view: EditorView,
        data: DataTransfer | null,
        at: number | null,
      ): boolean {
        const files = transferredFiles(data);
        if (!files.length) return false;
        event.preventDefault();
        const marker = { pos: at ?? view.state.selection.main.head };
        this.pending.push(marker);
        report({ state: 'uploading', count: files.length });
        const done = () => (this.pending = this.pending.filter((p) => p !== marker));
        uploadAsMarkdown(files).then(
          (markdown) => {
            done();
            const pos = Math.min(marker.pos, view.state.doc.length);
            const line = view.state.doc.lineAt(pos);
            const before = pos > line.from ? '\n' : '';
            const after = pos < line.to ? '\n' : '';
            view.dispatch({
              changes: { from: pos, insert: `${before}${markdown}${after}` },
              userEvent: 'input.paste',
            });
            report({ state: 'done', count: files.length });
          },
          (error: unknown) => {
            done();
            report({ state: 'error', error });
          },
        );
        return true;
      }
    },
    {
      eventHandlers: {
        paste(event, view) {
          return this.handle(event, view, event.clipboardData, null);
        },
        drop(event, view) {
          return this.handle(
            event,
            view,
            event.dataTransfer,
            view.posAtCoords({ x: event.clientX, y: event.clientY }),
          );
        },
      },
    },
  );
}
