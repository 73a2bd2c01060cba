/**
 * The subcommands' argument parsing (util.parseArgs underneath): what each kind of argument
 * gives, and the user errors the CLI prints, word for word.
 */
import { oneNotebook, parseArgs, IArgSpec } from '../../src/cli/args';
import { UserError } from '../../src/core/errors';

const spec: IArgSpec = {
  flags: ['--json', '--no-cache'],
  options: ['--output', '--jobs'],
  multi: ['--param'],
  aliases: { '-o': '--output', '-p': '--param' }
};

const parsed = (args: string[]) => {
  const p = parseArgs(args, spec);
  return {
    positionals: p.positionals,
    flags: [...p.flags].sort(),
    options: Object.fromEntries(p.options),
    multi: Object.fromEntries(p.multi)
  };
};

const failure = (args: string[]): string => {
  try {
    parseArgs(args, spec);
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message;
  }
  throw new Error(`no error for ${JSON.stringify(args)}`);
};

describe('parseArgs', () => {
  it('reads flags, options, repeated options, aliases and positionals', () => {
    expect(
      parsed([
        'nb.ipynb',
        '--json',
        '--output=out.yaml',
        '-p',
        'a=1',
        '--param',
        'b=2',
        '--param=c=3',
        '--jobs',
        '2',
        '--jobs',
        '3',
        '-',
        '--no-cache'
      ])
    ).toEqual({
      positionals: ['nb.ipynb', '-'],
      flags: ['--json', '--no-cache'],
      options: { '--output': 'out.yaml', '--jobs': '3' },
      multi: { '--param': ['a=1', 'b=2', 'c=3'] }
    });
  });

  it('takes the next argument as the value whatever it looks like, and an empty inline one', () => {
    expect(parsed(['-o', '--json', '--output=', 'x'])).toEqual({
      positionals: ['x'],
      flags: [],
      options: { '--output': '' },
      multi: {}
    });
  });

  it('takes everything after -- as positionals', () => {
    expect(parsed(['--json', '--', '--output', '-p', 'nb'])).toEqual({
      positionals: ['--output', '-p', 'nb'],
      flags: ['--json'],
      options: {},
      multi: {}
    });
  });

  it.each([
    [['--nope'], 'unknown option --nope; see --help'],
    [['--nope=1'], 'unknown option --nope; see --help'],
    [['-x'], 'unknown option -x; see --help'],
    [['-5'], 'unknown option -5; see --help'],
    [['-oout'], 'unknown option -oout; see --help'],
    [['-o=out'], 'unknown option -o=out; see --help'],
    [['-po'], 'unknown option -po; see --help'],
    [['--constructor'], 'unknown option --constructor; see --help'],
    [['--__proto__'], 'unknown option --__proto__; see --help'],
    [['--json=yes'], 'option --json takes no value'],
    [['--output'], 'option --output needs a value'],
    [['nb', '-p'], 'option --param needs a value']
  ])('%j fails: %s', (args, message) => {
    expect(failure(args)).toBe(message);
  });
});

describe('oneNotebook', () => {
  it('wants exactly one positional', () => {
    expect(oneNotebook(parseArgs(['nb.ipynb'], spec), 'usage')).toBe(
      'nb.ipynb'
    );
    expect(() => oneNotebook(parseArgs([], spec), 'usage: x')).toThrow(
      'missing the notebook\nusage: x'
    );
    expect(() => oneNotebook(parseArgs(['a', 'b'], spec), 'u')).toThrow(
      'expected one notebook, got 2'
    );
  });
});
