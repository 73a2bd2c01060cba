/** One `cellpipe` subcommand. Commands print to stdout/stderr and return the exit code. */
export interface ICliCommand {
  name: string;
  /** One line for `cellpipe --help`. */
  summary: string;
  /** Full usage text for `cellpipe NAME --help`. */
  usage: string;
  run(args: string[]): Promise<number>;
}
