/**
 * A run's message with each place of the notebook's cells it names (`cell-places.ts`) as a
 * link that goes to that line: in the sidebar's runs list and in the run viewer. A link, not a
 * button: a button is a box of its own, whose text wraps inside it and whose end breaks the
 * line, where a link's words flow on with the message around them.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';
import { cellPlaces } from './cell-places';

export interface ICellPlaceTextProps {
  text: string;
  /** The notebook's file name: only its places become buttons. */
  notebookName: string;
  /** The name the notebook had when the run was made, when it was renamed since. */
  formerName?: string;
  /** Goes to a line of a cell (index from 0, line from 1). */
  onRevealCell: (cell: number, line: number) => void;
  trans: TranslationBundle;
}

export function CellPlaceText(props: ICellPlaceTextProps): JSX.Element {
  return (
    <>
      {cellPlaces(props.text, props.notebookName, props.formerName).map(
        (part, i) =>
          typeof part === 'string' ? (
            part
          ) : (
            <a
              key={i}
              href="#"
              className="jp-cellpipe-Run-link"
              onClick={event => {
                event.preventDefault();
                props.onRevealCell(part.cell, part.line);
              }}
              title={props.trans.__('Go to this line of the notebook')}
            >
              {part.text}
            </a>
          )
      )}
    </>
  );
}
