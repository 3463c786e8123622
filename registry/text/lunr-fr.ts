import { createRequire } from 'node:module';
import lunr from 'lunr';

// lunr-languages are CommonJS plugins that patch the lunr object they are given.
const require = createRequire(import.meta.url);
require('lunr-languages/lunr.stemmer.support')(lunr);
require('lunr-languages/lunr.fr')(lunr);

/** The lunr object with the French language (`lunr.fr`) registered. */
export const lunrFr = lunr as typeof lunr & {
  fr: lunr.Builder.Plugin & {
    stemmer: lunr.PipelineFunction;
    stopWordFilter: lunr.PipelineFunction;
    trimmer: lunr.PipelineFunction;
  };
};
