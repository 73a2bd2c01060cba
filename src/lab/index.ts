import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';

/** The cellpipe lab extension: wiring only; the parts live in files beside this one. */
const plugin: JupyterFrontEndPlugin<void> = {
  id: 'cellpipe:plugin',
  description: 'Turn a tagged notebook into a pipeline and follow its runs.',
  autoStart: true,
  activate: (app: JupyterFrontEnd) => {
    console.log('JupyterLab extension cellpipe is activated!');
  }
};

export default plugin;
