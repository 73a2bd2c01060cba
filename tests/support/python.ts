/** Runs the project's Python (the dev virtualenv, or CELLPIPE_PYTHON) for tests that need a real interpreter. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const VENV_PYTHON = join(__dirname, '..', '..', '.venv', 'bin', 'python');

export const PYTHON =
  process.env.CELLPIPE_PYTHON ??
  (existsSync(VENV_PYTHON) ? VENV_PYTHON : 'python3');

export interface IPythonResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `python -c code` (or other args) with `input` on stdin. */
export function runPython(
  args: string[],
  input = '',
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}
): IPythonResult {
  const result = spawnSync(PYTHON, args, {
    input,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    cwd: options.cwd,
    env: options.env ?? process.env
  });
  if (result.error) {
    throw result.error;
  }
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr
  };
}

/**
 * Runs `script` with `input` as JSON on stdin and returns what it prints, read as JSON; throws
 * with Python's error output if it fails.
 */
export function runPythonJson(script: string, input: unknown): unknown {
  const result = runPython(['-c', script], JSON.stringify(input));
  if (result.status !== 0) {
    throw new Error(`python failed: ${result.stderr}`);
  }
  return JSON.parse(result.stdout);
}

/**
 * Evaluates each Python literal with `ast.literal_eval` in one process and returns the values,
 * read back through JSON (lone surrogates survive as `\udXXX` escapes).
 */
export function evalPythonLiterals(literals: string[]): unknown[] {
  const script = [
    'import ast, json, sys',
    'literals = json.loads(sys.stdin.read())',
    'sys.stdout.write(json.dumps([ast.literal_eval(text) for text in literals]))'
  ].join('\n');
  return runPythonJson(script, literals) as unknown[];
}
