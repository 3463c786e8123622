import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = new URL('../../bin/lieux-communs.js', import.meta.url).pathname;
const MOVILAB = new URL('../fixtures/mediawiki/movilab.xml', import.meta.url).pathname;

/** Runs a program; resolves with its exit code and output (never rejects). */
function run(
  file: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { env: { ...process.env, LC_DB: '', LC_FILES_DIR: '' } },
      (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
let hasScript = true;
try {
  execFileSync('script', ['--version'], { stdio: 'ignore' });
} catch {
  hasScript = false;
}

describe('import-mediawiki progress', () => {
  // `script` (util-linux) runs the command on a pseudo-terminal: what a person at a terminal sees.
  it.skipIf(!hasScript)(
    'draws a bar with pages/s and the time left on a terminal, and writes plain lines otherwise',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'lc-mw-progress-'));
      try {
        const command = [
          process.execPath,
          BIN,
          'import-mediawiki',
          MOVILAB,
          '--db',
          join(dir, 'tty.sqlite'),
        ]
          .map(quote)
          .join(' ');
        const tty = await run('script', ['-qfec', command, '/dev/null']);
        expect(tty.code).toBe(0);
        // A bar redrawn in place (carriage return), with its share, pages/s and the time left, then erased.
        expect(tty.stdout).toMatch(
          /\r\[[#.]{30}\] +\d+ % +\d+ pages +\d+ pages\/s +(?:\d\d:\d\d|--:--) restant/,
        );
        expect(tty.stdout).toContain('\r\x1b[K');
        expect(tty.stdout).toMatch(/import-mediawiki: \d+ pages read in [\d.]+ s \(\d+ pages\/s\)/);

        const plain = await run(process.execPath, [
          BIN,
          'import-mediawiki',
          MOVILAB,
          '--db',
          join(dir, 'plain.sqlite'),
        ]);
        expect(plain.code).toBe(0);
        // Not a terminal: whole lines only, no bar, no carriage return or escape sequence.
        expect(plain.stderr).toMatch(
          /^import-mediawiki: \d+ pages read in [\d.]+ s \(\d+ pages\/s\)\n$/m,
        );
        expect(plain.stderr).not.toMatch(/[\r\x1b]/);
        expect(plain.stderr).not.toContain('[#');
        expect(plain.stdout).toContain('Pages: 3 created');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      // Two CLI runs (Node and tsx starting each time): tens of seconds on a loaded machine.
    },
    240_000,
  );
});
