/**
 * The `sdkVersion` the documents carry. The KFP backend and SDK read it only as a label, so it
 * names cellpipe: `cellpipe-<version>`.
 */
import packageJson from '../../../../package.json';

export const VERSION_FOR_DOCUMENTS = `cellpipe-${packageJson.version}`;
