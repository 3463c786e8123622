#!/usr/bin/env node
// Entry point of the `lieux-communs` command: loads the TypeScript sources through tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/cli/main.ts');
const code = await main(process.argv.slice(2));
// `serve` keeps running; every other command ends here.
if (process.argv[2] !== 'serve') process.exit(code);
else if (code !== 0) process.exit(code);
