/**
 * A step script in a form no orchestrator interprets (design §5): the script's bytes are
 * zlib-compressed and base64-encoded, and a short bootstrap that only Python reads decodes and
 * runs them. Argo substitutes `{{…}}` in every field of a Workflow and the KFP launcher replaces
 * `{{$…}}` in command and args; base64 has no braces, so notebook code reaches Python exactly as
 * written, and compression keeps the documents small.
 *
 * The script is two packed parts (src/core/generate/step-script.ts): the step's own part, in the
 * step's program, and the runtime, the same for every step, which the cluster targets carry once
 * per pipeline (a pipeline parameter) and hand to each step as its program's first argument.
 * The program checks the runtime's sha256 before running it, so an edited or stale runtime
 * parameter stops the step with a clear message instead of running other code.
 */
// Pure JS, so core stays free of Node APIs (design §1): the lab bundles core too.
import { sha256 } from '@noble/hashes/sha256';
import { bytesToHex } from '@noble/hashes/utils';
import { zlibSync } from 'fflate';
import { stepRuntimeScript } from './step-script';

/** The file name the step script runs under (in its own tracebacks and `sys.argv[0]`). */
export const PACKED_SCRIPT_NAME = 'step.py';

/** The pipeline parameter that carries the packed runtime (Argo and KFP). */
export const RUNTIME_PARAMETER = 'cellpipe_runtime';

const BASE64_CHUNK = 0x8000;

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += BASE64_CHUNK) {
    binary += String.fromCharCode(
      ...bytes.subarray(start, start + BASE64_CHUNK)
    );
  }
  return btoa(binary);
}

/** The script's bytes compressed and base64-encoded: only `A-Z a-z 0-9 + / =`. */
export function packScript(script: string): string {
  return base64(zlibSync(new TextEncoder().encode(script), { level: 9 }));
}

let runtime: { packed: string; sha256: string } | undefined;

function packed(): { packed: string; sha256: string } {
  if (!runtime) {
    const text = packScript(stepRuntimeScript());
    runtime = {
      packed: text,
      sha256: bytesToHex(sha256(text))
    };
  }
  return runtime;
}

/** The packed runtime: the value of the runtime parameter, every step's first argument. */
export function packedRuntime(): string {
  return packed().packed;
}

/**
 * The program that runs a step: the Python file for `python3 FILE` or `python3 -c`. Its first
 * argument is the packed runtime, which it checks and removes; it decodes the step's own part
 * and the runtime and executes them as one script, the main module, with `sys.argv[0]` naming
 * the script, so the arguments after the runtime reach the script's `main` as if it had been
 * run from a file.
 */
export function packedProgram(stepPart: string): string {
  return bootstrap('', `'${packScript(stepPart)}'`);
}

/**
 * The bootstrap: `head` (lines that set up `part`), then it takes and checks the runtime, and
 * runs the step part (`part`: a Python expression of its packed text) and the runtime as one
 * script.
 */
function bootstrap(head: string, part: string): string {
  const name = PACKED_SCRIPT_NAME;
  const decoded = (blob: string) =>
    `zlib.decompress(base64.b64decode(${blob}))`;
  return (
    'import base64,hashlib,sys,zlib\n' +
    head +
    `sys.argv[0]='${name}'\n` +
    `r=sys.argv.pop(1) if len(sys.argv)>1 else ''\n` +
    `if hashlib.sha256(r.encode()).hexdigest()!='${packed().sha256}':sys.exit('cellpipe: the first argument is not the runtime this step was compiled with (parameter ${RUNTIME_PARAMETER} changed?)')\n` +
    `exec(compile(${decoded(part)}+${decoded('r')},'${name}','exec'))\n`
  );
}

/**
 * Linux refuses to start a program with any one argument over 128 KiB (MAX_ARG_STRLEN): a pod
 * whose `python3 -c PROGRAM` is longer fails to start with "argument list too long". A program
 * up to this length goes as one argument; a longer step part goes as several, each this long
 * at most, ahead of the runtime.
 */
export const ARGUMENT_LIMIT = 96 * 1024;

/** The program for a step part carried in the `count` arguments after it: it joins them. */
function chunkedProgram(count: number): string {
  return bootstrap(
    `p=''.join(sys.argv[1:${count + 1}]);del sys.argv[1:${count + 1}]\n`,
    'p'
  );
}

/**
 * The command that runs a step's own part; its arguments start with the packed runtime.
 * `python3 -c PROGRAM` while the program fits one argument, else `python3 -c PROGRAM PART…`
 * with the packed part cut into arguments of at most ARGUMENT_LIMIT characters.
 */
export function packedCommand(stepPart: string): string[] {
  const part = packScript(stepPart);
  const program = bootstrap('', `'${part}'`);
  if (program.length <= ARGUMENT_LIMIT) {
    return ['python3', '-c', program];
  }
  const pieces: string[] = [];
  for (let start = 0; start < part.length; start += ARGUMENT_LIMIT) {
    pieces.push(part.slice(start, start + ARGUMENT_LIMIT));
  }
  return ['python3', '-c', chunkedProgram(pieces.length), ...pieces];
}
