import { JupyterFrontEndPlugin } from '@jupyterlab/application';
import { versionCheckPlugin } from './version-check';
import { sidebarPlugin } from './sidebar/plugin';
import { runViewerPlugin } from './run-viewer/plugin';
import { taggingPlugin } from './tagging/plugin';

/**
 * The cellpipe lab extension: wiring only. Each plugin lives in its own file (or folder) beside
 * this one; add it to this list.
 */
const plugins: JupyterFrontEndPlugin<unknown>[] = [
  versionCheckPlugin,
  sidebarPlugin,
  runViewerPlugin,
  taggingPlugin
];

export default plugins;
