/** The registry of subcommands: each lives in its own file beside this one. */
import { ICliCommand } from '../command';

export const commands: ICliCommand[] = [];
