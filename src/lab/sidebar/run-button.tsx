/**
 * The Compile and run split button: run, or from its menu compile only / export YAML. The menu
 * behaves as WAI-ARIA's menu button: opening it focuses an item, the arrows, Home and End move
 * through the items, Enter chooses, and Escape, Tab or a click elsewhere closes it (Escape and a
 * choice give the focus back to the button). While an action works the buttons say so with
 * `aria-disabled` and ignore clicks: a disabled button would drop the focus to the page.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import { caretDownIcon, runIcon } from '@jupyterlab/ui-components';
import React, { useEffect, useRef, useState } from 'react';
import { CLASS } from './class-names';
import { menuItemAfterKey, menuOpenedByKey } from './menu-keys';

export interface IRunButtonProps {
  busy: boolean;
  onRun: () => void;
  onCompile: () => void;
  onExport: () => void;
  trans: TranslationBundle;
}

export function RunButton(props: IRunButtonProps): JSX.Element {
  const { trans } = props;
  /** The item focused when the menu opens; null while it is closed. */
  const [openAt, setOpenAt] = useState<number | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const caret = useRef<HTMLButtonElement>(null);
  const items = useRef<(HTMLButtonElement | null)[]>([]);
  const entries: [string, () => void][] = [
    [trans.__('Run'), props.onRun],
    [trans.__('Compile only'), props.onCompile],
    [trans.__('Export YAML'), props.onExport]
  ];
  const open = openAt !== null;

  useEffect(() => {
    if (openAt === null) {
      return;
    }
    items.current[openAt]?.focus();
    // A click anywhere else closes the menu (also where nothing takes the focus).
    const closeOutside = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) {
        setOpenAt(null);
      }
    };
    document.addEventListener('pointerdown', closeOutside, true);
    return () =>
      document.removeEventListener('pointerdown', closeOutside, true);
  }, [openAt]);

  const choose = (action: () => void) => () => {
    setOpenAt(null);
    caret.current?.focus();
    action();
  };
  const unlessBusy = (action: () => void) => () => {
    if (!props.busy) {
      action();
    }
  };
  const onMenuKey = (event: React.KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setOpenAt(null);
      caret.current?.focus();
      return;
    }
    const current = items.current.indexOf(
      document.activeElement as HTMLButtonElement
    );
    const next = menuItemAfterKey(event.key, current, entries.length);
    if (next !== null) {
      event.preventDefault();
      items.current[next]?.focus();
    }
  };
  const onCaretKey = (event: React.KeyboardEvent) => {
    const first = menuOpenedByKey(event.key, entries.length);
    if (first !== null && !props.busy) {
      event.preventDefault();
      setOpenAt(first);
    }
  };
  return (
    <div
      className={CLASS.splitButton}
      ref={root}
      onBlur={event => {
        // Tab, or anything else that takes the focus out of the button and its menu.
        if (open && !root.current?.contains(event.relatedTarget as Node)) {
          setOpenAt(null);
        }
      }}
    >
      <button
        className={`${CLASS.splitMain} jp-mod-styled jp-mod-accept`}
        aria-disabled={props.busy}
        onClick={event => {
          // The second click of a double click: the first has started the run it meant (two
          // clicks 250 ms apart started two identical runs, the first start taking 100 ms).
          if (event.detail < 2) {
            unlessBusy(props.onRun)();
          }
        }}
        title={trans.__('Save, compile and run the pipeline')}
      >
        <runIcon.react tag="span" elementSize="small" />
        {trans.__('Compile and run')}
      </button>
      <button
        ref={caret}
        className={`${CLASS.splitCaret} jp-mod-styled jp-mod-accept`}
        aria-disabled={props.busy}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={trans.__('More actions')}
        onClick={unlessBusy(() => setOpenAt(open ? null : 0))}
        onKeyDown={onCaretKey}
      >
        <caretDownIcon.react tag="span" elementSize="small" />
      </button>
      {open && (
        <ul
          className={CLASS.splitMenu}
          role="menu"
          aria-label={trans.__('More actions')}
          onKeyDown={onMenuKey}
        >
          {entries.map(([label, action], index) => (
            <li key={label} role="none">
              <button
                ref={element => {
                  items.current[index] = element;
                }}
                className={CLASS.splitItem}
                role="menuitem"
                tabIndex={-1}
                onClick={choose(action)}
              >
                {label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
