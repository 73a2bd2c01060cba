/**
 * Reads back a packed step command (`python3 -c PROGRAM`, src/core/generate/packed-script.ts):
 * checks the bootstrap's form and returns the step script it runs: the step's own part it
 * carries, then the runtime it is given as its first argument.
 */
import { inflateSync } from 'node:zlib';
import { parseAllDocuments } from 'yaml';
import { packedRuntime } from '../../src/core/generate/packed-script';

const BOOTSTRAP =
  /^import base64,hashlib,sys,zlib\nsys\.argv\[0\]='step\.py'\nr=sys\.argv\.pop\(1\) if len\(sys\.argv\)>1 else ''\nif hashlib\.sha256\(r\.encode\(\)\)\.hexdigest\(\)!='[0-9a-f]{64}':sys\.exit\('[^'\n]*'\)\nexec\(compile\(zlib\.decompress\(base64\.b64decode\('([A-Za-z0-9+/=]+)'\)\)\+zlib\.decompress\(base64\.b64decode\(r\)\),'step\.py','exec'\)\)\n$/;

/** The step script a packed program runs (its own part, then the runtime). */
export function unpackProgram(program: string): string {
  const match = BOOTSTRAP.exec(program);
  if (!match) {
    throw new Error(`not a packed step program: ${program.slice(0, 200)}`);
  }
  return (
    inflateSync(Buffer.from(match[1], 'base64')).toString('utf8') +
    inflateSync(Buffer.from(packedRuntime(), 'base64')).toString('utf8')
  );
}

const CHUNKED =
  /^import base64,hashlib,sys,zlib\np=''\.join\(sys\.argv\[1:(\d+)\]\);del sys\.argv\[1:\1\]\nsys\.argv\[0\]='step\.py'\nr=sys\.argv\.pop\(1\) if len\(sys\.argv\)>1 else ''\nif hashlib\.sha256\(r\.encode\(\)\)\.hexdigest\(\)!='[0-9a-f]{64}':sys\.exit\('[^'\n]*'\)\nexec\(compile\(zlib\.decompress\(base64\.b64decode\(p\)\)\+zlib\.decompress\(base64\.b64decode\(r\)\),'step\.py','exec'\)\)\n$/;

/**
 * The step script of a packed command: `python3 -c PROGRAM`, or, for a step part too long for
 * one argument, `python3 -c PROGRAM PART…` (the program joins the parts).
 */
export function unpackCommand(command: readonly string[]): string {
  if (command.length < 3 || command[0] !== 'python3' || command[1] !== '-c') {
    throw new Error(
      `not a packed step command: ${JSON.stringify(command).slice(0, 200)}`
    );
  }
  if (command.length === 3) {
    return unpackProgram(command[2]);
  }
  const match = CHUNKED.exec(command[2]);
  const parts = command.slice(3);
  if (!match || Number(match[1]) !== parts.length + 1) {
    throw new Error(
      `not a packed step command in parts: ${command[2].slice(0, 200)}`
    );
  }
  return (
    inflateSync(Buffer.from(parts.join(''), 'base64')).toString('utf8') +
    inflateSync(Buffer.from(packedRuntime(), 'base64')).toString('utf8')
  );
}

/** The step scripts of a compiled pipeline's text (YAML): each packed program found, unpacked. */
export function stepScripts(text: string): string[] {
  const found: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string' && value.startsWith('import base64,')) {
      found.push(unpackProgram(value));
    } else if (value && typeof value === 'object') {
      Object.values(value).forEach(visit);
    }
  };
  parseAllDocuments(text).forEach(d => visit(d.toJS()));
  return found;
}

/** Every packed step command (`python3 -c …`) in compiled documents, in document order. */
export function packedCommands(documents: unknown): string[][] {
  const found: string[][] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (value && typeof value === 'object') {
      const object = value as Record<string, unknown>;
      if (Array.isArray(object.command) && object.command[1] === '-c') {
        found.push(object.command as string[]);
      }
      Object.values(object).forEach(visit);
    }
  };
  visit(documents);
  return found;
}
