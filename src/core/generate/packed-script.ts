/**
 * A step script in a form no orchestrator interprets (design §5): the script's bytes are
 * zlib-compressed and base64-encoded, and a short bootstrap that only Python reads decodes and
 * runs them. Argo substitutes `{{…}}` in every field of a Workflow and the KFP launcher replaces
 * `{{$…}}` in command and args; base64 has no braces, so notebook code reaches Python exactly as
 * written, and compression keeps the documents small.
 */
import { zlibSync } from 'fflate';

/** The file name the step script runs under (in its own tracebacks and `sys.argv[0]`). */
export const PACKED_SCRIPT_NAME = 'step.py';

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

/**
 * The `python3 -c` program that runs `script`: it decodes the packed bytes and executes them as
 * the main module, with `sys.argv[0]` naming the script, so the arguments after it reach the
 * script's `main` as if it had been run from a file.
 */
export function packedProgram(script: string): string {
  const name = PACKED_SCRIPT_NAME;
  return (
    'import base64,sys,zlib\n' +
    `sys.argv[0]='${name}'\n` +
    `exec(compile(zlib.decompress(base64.b64decode('${packScript(script)}')),'${name}','exec'))\n`
  );
}

/** The command that runs `script` with its arguments after it. */
export function packedCommand(script: string): string[] {
  return ['python3', '-c', packedProgram(script)];
}
