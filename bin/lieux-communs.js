#!/usr/bin/env node
// Entry point of the `lieux-communs` command. Runs the compiled server (dist/server/, built by
// `npm start` through bin/build-server.js) when it matches the sources, and the TypeScript sources
// through tsx otherwise (a source edited since, no build yet, or LC_FROM_SOURCES=1): the same code
// either way, compiled only to start faster.
import { pathToFileURL } from 'node:url';
import { COMPILED_MAIN, serverStaleReason } from './server-build.js';

let main;
if (process.env.LC_FROM_SOURCES !== '1' && serverStaleReason() === null) {
  ({ main } = await import(pathToFileURL(COMPILED_MAIN).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../server/cli/main.ts'));
}
const code = await main(process.argv.slice(2));
// `serve` keeps running; every other command ends here.
if (process.argv[2] !== 'serve') process.exit(code);
else if (code !== 0) process.exit(code);
