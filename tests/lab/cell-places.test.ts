/** The places of the notebook's cells a run's error names, for the sidebar's links. */
import { cellPlaces } from '../../src/lab/cell-places';

describe('cell places in a run error', () => {
  it('cuts out each place of the notebook, cells counted from 1 in the text, from 0 in the index', () => {
    expect(
      cellPlaces(
        "step 'b' failed: NameError in model.ipynb [cell 3], line 7: name 'x' is not defined",
        'model.ipynb'
      )
    ).toEqual([
      "step 'b' failed: NameError in ",
      { text: 'model.ipynb [cell 3], line 7', cell: 2, line: 7 },
      ": name 'x' is not defined"
    ]);
  });

  it('takes a name with spaces and brackets as it is, and leaves other notebooks as text', () => {
    const name = 'my run (v2).ipynb';
    expect(
      cellPlaces(
        `ValueError in ${name} [cell 1], line 2; see other.ipynb [cell 4], line 1`,
        name
      )
    ).toEqual([
      'ValueError in ',
      { text: `${name} [cell 1], line 2`, cell: 0, line: 2 },
      '; see other.ipynb [cell 4], line 1'
    ]);
  });

  it('also takes the name a renamed notebook had when the run was made, and no third', () => {
    expect(
      cellPlaces(
        'NameError in Untitled.ipynb [cell 3], line 7; other.ipynb [cell 1], line 1',
        'churn.ipynb',
        'Untitled.ipynb'
      )
    ).toEqual([
      'NameError in ',
      { text: 'Untitled.ipynb [cell 3], line 7', cell: 2, line: 7 },
      '; other.ipynb [cell 1], line 1'
    ]);
    expect(
      cellPlaces('in churn.ipynb [cell 1], line 2', 'churn.ipynb', undefined)
    ).toEqual([
      'in ',
      { text: 'churn.ipynb [cell 1], line 2', cell: 0, line: 2 }
    ]);
  });

  it('takes the name whole: a longer name ending the same is another notebook', () => {
    expect(
      cellPlaces('ValueError in my_model.ipynb [cell 2], line 3', 'model.ipynb')
    ).toEqual(['ValueError in my_model.ipynb [cell 2], line 3']);
    expect(
      cellPlaces(
        "at 'model.ipynb [cell 2], line 3' and /x/model.ipynb [cell 1], line 1",
        'model.ipynb'
      )
    ).toEqual([
      "at '",
      { text: 'model.ipynb [cell 2], line 3', cell: 1, line: 3 },
      "' and /x/",
      { text: 'model.ipynb [cell 1], line 1', cell: 0, line: 1 }
    ]);
  });

  it('gives the message whole when it names no place (or no notebook is open)', () => {
    expect(cellPlaces('timed out after 60 s', 'a.ipynb')).toEqual([
      'timed out after 60 s'
    ]);
    expect(cellPlaces('x in a.ipynb [cell 2], line 1', '')).toEqual([
      'x in a.ipynb [cell 2], line 1'
    ]);
  });
});
