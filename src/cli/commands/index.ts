/** The registry of subcommands: each lives in its own file beside this one. */
import { ICliCommand } from '../command';
import { analyzeCommand } from './analyze';
import { tagCommand } from './tag';
import { renderStepCommand } from './render-step';
import { runCommand } from './run';
import { runsCommand } from './runs';
import { submitCommand } from './submit';

export const commands: ICliCommand[] = [
  analyzeCommand,
  tagCommand,
  renderStepCommand,
  runCommand,
  runsCommand,
  submitCommand
];
