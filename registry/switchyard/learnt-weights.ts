import type { SwitchyardWeights } from './config.js';

/**
 * Ranking weights learnt on the development and training corpora (never on the held-out one),
 * applied over the hand-set configuration (config.ts). Written by
 * `npm run bench:switchyard-tune -- --write`; edit by hand only to undo a learning run.
 * Objective on dev + train (mean of recall@5, MRR, nDCG@5, person hit@3): 0.9184.
 */
export const LEARNT_WEIGHTS: SwitchyardWeights = {
  resourceRank: {
    themeBoost: 0.25,
  },
  peopleRank: {
    linkSharpness: 2,
    expertReferent: 0.75,
    skillOffTheme: 0.75,
  },
  themes: {
    slope: 5.841,
    intercept: -1.714,
  },
};
