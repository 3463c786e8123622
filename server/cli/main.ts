import { COMMANDS } from './commands.js';
import { UsageError } from './args.js';
import { DatabaseTooNewError } from '../db/migrate.js';

/** Runs the CLI with process arguments (without node and script). */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    const help = Object.values(COMMANDS)
      .map((c) => `  lieux-communs ${c.usage}`)
      .join('\n');
    console.error(`${name && name !== 'help' ? `Unknown command: ${name}\n` : ''}Usage:\n${help}`);
    return name && name !== 'help' ? 2 : 0;
  }
  try {
    await command.run(rest);
    return 0;
  } catch (err) {
    if (err instanceof UsageError || err instanceof DatabaseTooNewError) {
      console.error(`lieux-communs ${name}: ${err.message}`);
      return 2;
    }
    throw err;
  }
}
