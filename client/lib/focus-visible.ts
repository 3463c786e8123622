import { LitElement, css, type CSSResultGroup, type CSSResultOrNative } from 'lit';

/**
 * The focus ring every element gets when focused from the keyboard (WCAG 2.4.7, RGAA 10.7): dark
 * blue, 3px, outside the element, which contrasts with the light backgrounds and the green header.
 * A component's own `:focus-visible` rule (the header's yellow ring) comes after it and wins.
 */
export const focusRing = css`
  :focus-visible { outline: 3px solid #1f4f9c; outline-offset: 2px; }
`;

type StyleFinalizer = (styles?: CSSResultGroup) => CSSResultOrNative[];

/**
 * Puts {@link focusRing} first in the styles of every Lit component, those of other features
 * included: styles live in each shadow root, where a document-wide rule does not reach. Uses Lit's
 * documented hook for style systems (`static finalizeStyles`); it must run before any component is
 * defined, which is why main.ts imports this module first.
 */
function installFocusRing() {
  const base = LitElement as unknown as { finalizeStyles: StyleFinalizer };
  const finalize = base.finalizeStyles;
  base.finalizeStyles = function (this: typeof LitElement, styles?: CSSResultGroup) {
    return [focusRing, ...finalize.call(this, styles)];
  };
}

installFocusRing();
