import type { SwitchyardWeights } from './config.js';

/**
 * Ranking weights learnt on the development and training corpora (never on the held-out one),
 * applied over the hand-set configuration (config.ts). Written by
 * `npm run bench:switchyard-tune -- --write`; edit by hand only to undo a learning run.
 */
export const LEARNT_WEIGHTS: SwitchyardWeights = {};
