import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A CLI usage error: printed without a stack, exit code 2. */
export class UsageError extends Error {}

/** Parses a command's arguments; unknown flags are a UsageError naming them. */
export function parse<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: T,
) {
  try {
    return parseArgs({
      args: argv,
      options: { db: { type: 'string' }, ...options },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}
