/** The Compile and run split button: run, or from its menu compile only / export YAML. */
import { TranslationBundle } from '@jupyterlab/translation';
import { caretDownIcon, runIcon } from '@jupyterlab/ui-components';
import React, { useState } from 'react';
import { CLASS } from './class-names';

export interface IRunButtonProps {
  busy: boolean;
  onRun: () => void;
  onCompile: () => void;
  onExport: () => void;
  trans: TranslationBundle;
}

export function RunButton(props: IRunButtonProps): JSX.Element {
  const { trans } = props;
  const [open, setOpen] = useState(false);
  const choose = (action: () => void) => () => {
    setOpen(false);
    action();
  };
  return (
    <div className={CLASS.splitButton}>
      <button
        className={`${CLASS.splitMain} jp-mod-styled jp-mod-accept`}
        disabled={props.busy}
        onClick={props.onRun}
        title={trans.__('Save, compile and run the pipeline')}
      >
        <runIcon.react tag="span" elementSize="small" />
        {trans.__('Compile and run')}
      </button>
      <button
        className={`${CLASS.splitCaret} jp-mod-styled jp-mod-accept`}
        disabled={props.busy}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={trans.__('More actions')}
        onClick={() => setOpen(!open)}
      >
        <caretDownIcon.react tag="span" elementSize="small" />
      </button>
      {open && (
        <ul className={CLASS.splitMenu} role="menu">
          <li role="menuitem">
            <button className={CLASS.splitItem} onClick={choose(props.onRun)}>
              {trans.__('Run')}
            </button>
          </li>
          <li role="menuitem">
            <button
              className={CLASS.splitItem}
              onClick={choose(props.onCompile)}
            >
              {trans.__('Compile only')}
            </button>
          </li>
          <li role="menuitem">
            <button
              className={CLASS.splitItem}
              onClick={choose(props.onExport)}
            >
              {trans.__('Export YAML')}
            </button>
          </li>
        </ul>
      )}
    </div>
  );
}
