/**
 * The registry of subcommands: each lives in its own file beside this one and is loaded only
 * when it runs, so `cellpipe analyze` does not pay for the Kubernetes client's start-up.
 */
import { ICliCommand } from '../command';

export interface ICommandEntry {
  name: string;
  load: () => ICliCommand;
}

/* eslint-disable @typescript-eslint/no-require-imports */
export const commands: ICommandEntry[] = [
  { name: 'analyze', load: () => require('./analyze').analyzeCommand },
  { name: 'tag', load: () => require('./tag').tagCommand },
  { name: 'compile', load: () => require('./compile').compileCommand },
  {
    name: 'render-step',
    load: () => require('./render-step').renderStepCommand
  },
  { name: 'run', load: () => require('./run').runCommand },
  { name: 'runs', load: () => require('./runs').runsCommand },
  { name: 'logs', load: () => require('./logs').logsCommand },
  { name: 'submit', load: () => require('./submit').submitCommand },
  { name: 'engine', load: () => require('./engine').engineCommand }
];
