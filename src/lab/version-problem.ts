/** Whether the server extension and engine match this frontend, and what to tell the user if not. */
export interface IVersionReply {
  version: string;
  engine: string | null;
  problem: string | null;
}

export function versionProblem(
  frontend: string,
  reply: IVersionReply
): string | null {
  if (reply.problem) {
    return `cellpipe: ${reply.problem}`;
  }
  if (reply.version !== frontend) {
    return (
      `cellpipe: the lab extension is version ${frontend} but the server extension is ` +
      `${reply.version}. Rebuild or reinstall cellpipe, then restart JupyterLab.`
    );
  }
  if (reply.engine !== null && reply.engine !== frontend) {
    return (
      `cellpipe: the engine is version ${reply.engine} but the lab extension is ${frontend}. ` +
      'Run `npm run build:engine` (or reinstall cellpipe) and restart JupyterLab.'
    );
  }
  return null;
}
