/** Runs the built `cellpipe` command (bin/cellpipe.js) and captures what it printed. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const CORPUS = join(ROOT, '..', 'shared', 'corpus');

export interface ICliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function cellpipe(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}
): ICliResult {
  const result = spawnSync(
    process.execPath,
    [join(ROOT, 'bin', 'cellpipe.js'), ...args],
    {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, ...options.env },
      encoding: 'utf8',
      timeout: 300_000
    }
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
