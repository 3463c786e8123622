// First: the focus ring must be in place before any component is defined.
import './lib/focus-visible.js';
import './components/lc-app.js';
