/**
 * A run's message with each place of the notebook's cells it names (`cell-places.ts`) as a
 * button that goes to that line: in the sidebar's runs list and in the run viewer.
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
            <button
              key={i}
              className="jp-cellpipe-Run-link"
              onClick={() => props.onRevealCell(part.cell, part.line)}
              title={props.trans.__('Go to this line of the notebook')}
            >
              {part.text}
            </button>
          )
      )}
    </>
  );
}
