/**
 * Checks at start-up that the server extension and its engine match this frontend's version, and
 * says so clearly when they do not (a stale build or a half-upgraded install).
 */
import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { Notification } from '@jupyterlab/apputils';
import { requestAPI } from './api/request';
import { IVersionReply, versionProblem } from './version-problem';
import packageJson from '../../package.json';

/** This frontend's version: the npm package's, bundled at build time. */
const FRONTEND_VERSION: string = packageJson.version;

export const versionCheckPlugin: JupyterFrontEndPlugin<void> = {
  id: 'cellpipe:version-check',
  description:
    'Checks that the cellpipe server extension matches the lab extension.',
  autoStart: true,
  activate: (app: JupyterFrontEnd) => {
    void app.restored.then(async () => {
      try {
        const reply = await requestAPI<IVersionReply>('version');
        const problem = versionProblem(FRONTEND_VERSION, reply);
        if (problem) {
          Notification.error(problem, { autoClose: false });
        } else {
          console.log(`cellpipe ${FRONTEND_VERSION} is activated`);
        }
      } catch (error) {
        Notification.error(
          `cellpipe: the server extension does not answer (${(error as Error).message}). ` +
            'Is `cellpipe` installed in the Python environment that runs JupyterLab?',
          { autoClose: false }
        );
      }
    });
  }
};
