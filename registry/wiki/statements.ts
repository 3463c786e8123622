/*
 * The wiki runs the same few dozen statements all day: it uses the registry's statement cache
 * (`stmt` in registry/store.ts, one prepared statement per SQL text and connection), re-exported
 * here so the wiki's modules keep importing it from beside them.
 */
export { stmt } from '../store.js';
