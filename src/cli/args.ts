/**
 * The subcommands' argument parsing: Node's `util.parseArgs` reads the arguments, this file only
 * turns its tokens into cellpipe's user errors (unknown options are user errors, each with the
 * message the CLI has always printed) and its values into the shape the commands read.
 */
import { parseArgs as nodeParseArgs } from 'node:util';
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

type NodeOptions = NonNullable<Parameters<typeof nodeParseArgs>[0]>['options'];

/** `--name` to util.parseArgs' `name`. */
const bare = (name: string): string => name.replace(/^--/, '');

function nodeOptions(spec: IArgSpec): NonNullable<NodeOptions> {
  const options: NonNullable<NodeOptions> = Object.create(null);
  for (const name of spec.flags ?? []) {
    options[bare(name)] = { type: 'boolean' };
  }
  for (const name of spec.options ?? []) {
    options[bare(name)] = { type: 'string' };
  }
  for (const name of spec.multi ?? []) {
    options[bare(name)] = { type: 'string', multiple: true };
  }
  for (const [alias, name] of Object.entries(spec.aliases ?? {})) {
    const option = options[bare(name)];
    if (!option || !/^-[^-]$/.test(alias)) {
      throw new Error(`bad alias ${alias} for ${name}`);
    }
    option.short = alias.slice(1);
  }
  return options;
}

export function parseArgs(args: string[], spec: IArgSpec): IParsedArgs {
  const options = nodeOptions(spec);
  // strict: false so that each mistake is reported below with cellpipe's own message; an option
  // that takes a value takes the next argument whatever it looks like (`--output --json`).
  const { tokens } = nodeParseArgs({
    args,
    options,
    strict: false,
    allowPositionals: true,
    tokens: true
  });
  const parsed: IParsedArgs = {
    positionals: [],
    flags: new Set(),
    options: new Map(),
    multi: new Map()
  };
  for (const token of tokens) {
    if (token.kind === 'positional') {
      parsed.positionals.push(token.value);
      continue;
    }
    if (token.kind !== 'option') {
      continue; // `--`: what follows comes as positionals
    }
    const written = args[token.index];
    // A short option is taken only alone (`-o out`); `-oout`, `-o=out` and groups of short
    // options are unknown options, as they always were.
    const option =
      token.rawName.startsWith('--') || written === token.rawName
        ? options[token.name]
        : undefined;
    if (!option) {
      const shown = token.rawName.startsWith('--') ? token.rawName : written;
      throw new UserError(`unknown option ${shown}; see --help`);
    }
    const name = `--${token.name}`;
    if (option.type === 'boolean') {
      if (token.inlineValue) {
        throw new UserError(`option ${name} takes no value`);
      }
      parsed.flags.add(name);
      continue;
    }
    if (token.value === undefined) {
      throw new UserError(`option ${name} needs a value`);
    }
    if (option.multiple) {
      parsed.multi.set(name, [...(parsed.multi.get(name) ?? []), token.value]);
    } else {
      parsed.options.set(name, token.value);
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
