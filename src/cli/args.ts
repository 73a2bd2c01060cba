/** A small argument parser shared by the subcommands; unknown options are user errors. */
import { UserError } from '../core/errors';

export interface IArgSpec {
  /** Options without a value: `--json`. */
  flags?: string[];
  /** Options with one value: `--target argo` or `--target=argo`. */
  options?: string[];
  /** Options that may repeat: `--param a=1 --param b=2`. */
  multi?: string[];
  /** Short aliases: `{ '-o': '--output' }`. */
  aliases?: Record<string, string>;
}

export interface IParsedArgs {
  positionals: string[];
  flags: Set<string>;
  options: Map<string, string>;
  multi: Map<string, string[]>;
}

export function parseArgs(args: string[], spec: IArgSpec): IParsedArgs {
  const parsed: IParsedArgs = {
    positionals: [],
    flags: new Set(),
    options: new Map(),
    multi: new Map()
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      parsed.positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      parsed.positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const rawName = eq > 0 && arg.startsWith('--') ? arg.slice(0, eq) : arg;
    const name = spec.aliases?.[rawName] ?? rawName;
    const inline =
      eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : undefined;
    if (spec.flags?.includes(name)) {
      if (inline !== undefined) {
        throw new UserError(`option ${name} takes no value`);
      }
      parsed.flags.add(name);
      continue;
    }
    const takesValue =
      spec.options?.includes(name) || spec.multi?.includes(name);
    if (!takesValue) {
      throw new UserError(`unknown option ${rawName}; see --help`);
    }
    const value = inline ?? args[++i];
    if (value === undefined) {
      throw new UserError(`option ${name} needs a value`);
    }
    if (spec.multi?.includes(name)) {
      parsed.multi.set(name, [...(parsed.multi.get(name) ?? []), value]);
    } else {
      parsed.options.set(name, value);
    }
  }
  return parsed;
}

/** Exactly one positional argument, the notebook; a usage error otherwise. */
export function oneNotebook(parsed: IParsedArgs, usage: string): string {
  if (parsed.positionals.length !== 1) {
    throw new UserError(
      parsed.positionals.length
        ? `expected one notebook, got ${parsed.positionals.length}`
        : `missing the notebook\n${usage}`
    );
  }
  return parsed.positionals[0];
}
