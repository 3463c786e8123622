import './components/lc-app.js';
