/** The version of cellpipe: the npm package's, so the CLI, the engine and the lab agree. */
import packageJson from '../../package.json';

export const VERSION: string = packageJson.version;
