/**
 * The sidebar as JupyterLab first sees it: an icon in the left area and an empty panel. The
 * sidebar itself (analyzer, dagre, React body) loads on first use, so it adds nothing to
 * JupyterLab's start: when the panel is first shown or a command first needs it.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import type { Message } from '@lumino/messaging';
import { Panel, Widget } from '@lumino/widgets';
import { pipelineIcon } from './icon';

export const SIDEBAR_ID = 'cellpipe-sidebar';

export class SidebarShell<T extends { widget: Widget }> extends Panel {
  constructor(
    private readonly loader: () => Promise<T>,
    trans: TranslationBundle
  ) {
    super();
    this.id = SIDEBAR_ID;
    this.addClass('jp-cellpipe-SidebarShell');
    this.title.icon = pipelineIcon;
    this.title.caption = trans.__('Pipeline');
  }

  /** Loads the sidebar once and puts it in this panel. */
  load(): Promise<T> {
    if (!this._loaded) {
      const started = performance.now();
      this._loaded = this.loader().then(loaded => {
        this.addWidget(loaded.widget);
        // Read by the browser benchmark (bench/lab).
        performance.measure('cellpipe:sidebar-load', { start: started });
        return loaded;
      });
    }
    return this._loaded;
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    void this.load();
  }

  private _loaded: Promise<T> | null = null;
}
