/**
 * The registry of subcommands: each lives in its own file beside this one and is loaded only
 * when it runs, so `cellpipe analyze` does not pay for the Kubernetes client's start-up.
 */
import { ICliCommand } from '../command';

export interface ICommandEntry {
  name: string;
  load: () => ICliCommand;
  /**
   * Whether the command reads Python: the CLI loads the parser's WebAssembly before it runs,
   * start-up work that `runs` and `logs` do not need.
   */
  parsesPython: boolean;
}

/* eslint-disable @typescript-eslint/no-require-imports */
export const commands: ICommandEntry[] = [
  {
    name: 'analyze',
    load: () => require('./analyze').analyzeCommand,
    parsesPython: true
  },
  { name: 'tag', load: () => require('./tag').tagCommand, parsesPython: true },
  {
    name: 'compile',
    load: () => require('./compile').compileCommand,
    parsesPython: true
  },
  {
    name: 'render-step',
    load: () => require('./render-step').renderStepCommand,
    parsesPython: true
  },
  { name: 'run', load: () => require('./run').runCommand, parsesPython: true },
  {
    name: 'runs',
    load: () => require('./runs').runsCommand,
    parsesPython: false
  },
  {
    name: 'logs',
    load: () => require('./logs').logsCommand,
    parsesPython: false
  },
  {
    name: 'submit',
    load: () => require('./submit').submitCommand,
    parsesPython: true
  },
  {
    name: 'engine',
    load: () => require('./engine').engineCommand,
    parsesPython: true
  }
];
