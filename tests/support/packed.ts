/**
 * Reads back a packed step command (`python3 -c PROGRAM`, src/core/generate/packed-script.ts):
 * checks the bootstrap's form and returns the step script it carries.
 */
import { inflateSync } from 'node:zlib';

const BOOTSTRAP =
  /^import base64,sys,zlib\nsys\.argv\[0\]='step\.py'\nexec\(compile\(zlib\.decompress\(base64\.b64decode\('([A-Za-z0-9+/=]+)'\)\),'step\.py','exec'\)\)\n$/;

export function unpackCommand(command: readonly string[]): string {
  if (command.length !== 3 || command[0] !== 'python3' || command[1] !== '-c') {
    throw new Error(
      `not a packed step command: ${JSON.stringify(command).slice(0, 200)}`
    );
  }
  const match = BOOTSTRAP.exec(command[2]);
  if (!match) {
    throw new Error(`not a packed step program: ${command[2].slice(0, 200)}`);
  }
  return inflateSync(Buffer.from(match[1], 'base64')).toString('utf8');
}
