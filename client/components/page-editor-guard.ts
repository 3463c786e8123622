import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { t } from '../i18n/index.js';

/**
 * Keeps unsaved text from being lost: the browser asks before the tab closes or reloads, and a
 * link that leaves the form asks first (links inside the preview are left alone).
 */
export class UnsavedChangesGuard implements ReactiveController {
  constructor(
    host: ReactiveControllerHost,
    private readonly dirty: () => boolean,
  ) {
    host.addController(this);
  }

  hostConnected() {
    window.addEventListener('beforeunload', this._onBeforeUnload);
    // Capture phase: runs before the router turns the click into an in-app navigation.
    window.addEventListener('click', this._onLinkClick, true);
  }

  hostDisconnected() {
    window.removeEventListener('beforeunload', this._onBeforeUnload);
    window.removeEventListener('click', this._onLinkClick, true);
  }

  private _onBeforeUnload = (e: BeforeUnloadEvent) => {
    if (this.dirty()) e.preventDefault();
  };

  /** Asks before a link leaves the form with unsaved text. */
  private _onLinkClick = (e: MouseEvent) => {
    if (!this.dirty() || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const path = e.composedPath();
    const a = path.find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement);
    if (!a || !a.href || a.target) return;
    if (
      path.some(
        (n) =>
          n instanceof HTMLElement &&
          n.localName === 'lc-wiki-content' &&
          n.hasAttribute('preview'),
      )
    )
      return;
    if (!confirm(t('wiki.edit.leaveConfirm'))) {
      e.preventDefault();
      e.stopPropagation();
    }
  };
}
