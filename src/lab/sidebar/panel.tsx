/**
 * The left-area widget: the React body inside a Lumino ReactWidget, which switches the live
 * analysis and run polling on while it is shown and off while it is hidden.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import type { Message } from '@lumino/messaging';
import React from 'react';
import { SidebarBody } from './body';
import { CLASS } from './class-names';
import { SidebarModel } from './sidebar-model';

export class PipelineSidebar extends ReactWidget {
  constructor(
    readonly model: SidebarModel,
    private readonly shell: JupyterFrontEnd.IShell,
    private readonly openRunViewer: (id: string) => void,
    private readonly openStepPanel: () => void,
    private readonly trans: TranslationBundle
  ) {
    super();
    this.addClass(CLASS.widget);
  }

  protected render(): JSX.Element {
    return (
      <SidebarBody
        model={this.model}
        shell={this.shell}
        openRunViewer={this.openRunViewer}
        openStepPanel={this.openStepPanel}
        trans={this.trans}
      />
    );
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    this.model.active = true;
  }

  protected onAfterHide(msg: Message): void {
    super.onAfterHide(msg);
    this.model.active = false;
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this.model.active = this.isVisible;
  }

  protected onBeforeDetach(msg: Message): void {
    this.model.active = false;
    super.onBeforeDetach(msg);
  }
}
