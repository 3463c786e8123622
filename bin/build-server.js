#!/usr/bin/env node
// Compiles the server (server/, registry/) into dist/server/ only when a source changed: `npm start`
// runs this first (after bin/build-client.js), so that the server starts from plain JavaScript.
// `--force` rebuilds. See bin/server-build.js.
import { buildServer, serverStaleReason } from './server-build.js';

const reason = process.argv.includes('--force') ? 'forced' : serverStaleReason();
if (reason === null) {
  console.log('Server up to date (dist/server): not recompiled.');
} else {
  const started = performance.now();
  const out = await buildServer();
  console.log(
    `Server compiled into ${out} (${reason}) in ${Math.round(performance.now() - started)} ms.`,
  );
}
