/** What the aliased-name warning says, and where. */
import { analyzeNotebook } from '../../../src/core/analyze';
import { codeCell, notebookJson } from '../../support/notebook-json';

describe('the aliased-name warning', () => {
  it('names both names, the three steps, where the change is made and the ways out', () => {
    // A part: the runtime does not make it one object with its whole again. Two names of one
    // object, or a list and what it holds, come to a step that takes both as one object, and a
    // step that changes one takes the others beside it (object-shares.ts): no warning there.
    const ir = analyzeNotebook(
      notebookJson([
        codeCell('cfg = dict(model=[0.1])\nparams = cfg["model"]', [
          'step:load'
        ]),
        codeCell('n = 1\nparams.append(4)', ['step:grow']),
        codeCell('print(cfg, n)', ['step:report'])
      ]),
      'alias.ipynb'
    );
    expect(ir.diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'aliased-name',
        message:
          "'params' is a part of 'cfg' (an item, an attribute or a view of it) since step " +
          "'load', but steps hand each name on as a value of its own: the change step 'grow' " +
          "makes to 'params' does not reach the 'cfg' that step 'report' takes (top to bottom " +
          "it would, unless 'params' is a copy). Change it through 'cfg' itself, or make " +
          "'params' a copy in step 'load' (copy.deepcopy)",
        cell: 1,
        line: 2,
        column: 0
      }
    ]);
  });

  it('calls a name of a part a part of the whole, not the same object (p2 = params = cfg["model"])', () => {
    const ir = analyzeNotebook(
      notebookJson([
        codeCell(
          'cfg = dict(model={"lr": 0.1})\nparams = cfg["model"]\np2 = params',
          ['step:load']
        ),
        codeCell('p2["lr"] = 0.5', ['step:tune']),
        codeCell('print(cfg)', ['step:report'])
      ]),
      'parts.ipynb'
    );
    expect(ir.diagnostics.map(d => d.message)).toEqual([
      "'p2' is a part of 'cfg' (an item, an attribute or a view of it) since step 'load', but steps " +
        "hand each name on as a value of its own: the change step 'tune' makes to 'p2' does " +
        "not reach the 'cfg' that step 'report' takes (top to bottom it would, unless 'p2' is " +
        "a copy). Change it through 'cfg' itself, or make 'p2' a copy in step 'load' " +
        '(copy.deepcopy)'
    ]);
  });

  it('says a later loop over the items of a whole changes the part a step takes alone', () => {
    const ir = analyzeNotebook(
      notebookJson([
        codeCell('records = list(({"id": 1}, {"id": 2}))\nfirst = records[0]', [
          'step:load'
        ]),
        codeCell('for r in records:\n    r["seen"] = True', ['step:mark']),
        codeCell('print(first)', ['step:show'])
      ]),
      'records.ipynb'
    );
    expect(ir.diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'aliased-name',
        message:
          "'first' is a part of 'records' (an item or an attribute of it) since step 'load', " +
          "and step 'mark' changes what 'records' holds (a loop that changes its items, or a " +
          'fit), but steps hand each name on as a value of its own: ' +
          "the change step 'mark' makes to 'records' does not reach the 'first' that step " +
          "'show' takes alone (top to bottom it would). Read it through 'records' there, or " +
          "take 'first' from 'records' again in step 'mark', after the change",
        cell: 1,
        line: 1,
        column: 0
      }
    ]);
  });

  it('says a later fit of a model changes the part of it a step takes alone', () => {
    const ir = analyzeNotebook(
      notebookJson([
        codeCell(
          'from sklearn.pipeline import make_pipeline\n' +
            'from sklearn.linear_model import LinearRegression',
          ['imports']
        ),
        codeCell(
          'pipe = make_pipeline(LinearRegression())\nlr = pipe[-1]\nX, y = [[1], [2]], [1, 2]',
          ['step:make']
        ),
        codeCell('pipe.fit(X, y)', ['step:fit']),
        codeCell('print(lr.coef_)', ['step:show'])
      ]),
      'fits.ipynb'
    );
    expect(
      ir.diagnostics.map(d => [d.code, d.cell, d.line, d.message])
    ).toEqual([
      [
        'aliased-name',
        2,
        1,
        "'lr' is a part of 'pipe' (an item or an attribute of it) since step 'make', and " +
          "step 'fit' changes what 'pipe' holds (a loop that changes its items, or a fit), " +
          "but steps hand each name on as a value of its own: the change step 'fit' makes " +
          "to 'pipe' does not reach the 'lr' that step 'show' takes alone (top to bottom it " +
          "would). Read it through 'pipe' there, or take 'lr' from 'pipe' again in step " +
          "'fit', after the change"
      ]
    ]);
  });

  it('calls a kept method a method of its object, and says where its call lands', () => {
    const ir = analyzeNotebook(
      notebookJson([
        codeCell('acc = []', ['step:make']),
        codeCell('add = acc.append', ['step:bind']),
        codeCell('n = 1\nadd(7)', ['step:call']),
        codeCell('print(acc, n)', ['step:show'])
      ]),
      'methods.ipynb'
    );
    expect(ir.diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'aliased-name',
        message:
          "'add' is bound to 'acc' (a method of it, or a partial() of a function that changes " +
          "it) since step 'bind', but steps hand each name on as a value of its own: calling " +
          "'add' in step 'call' changes the copy of 'acc' that 'add' carries, not the 'acc' " +
          "that step 'show' takes (top to bottom it would). Call the method or function on " +
          "'acc' itself there, or bind 'add' again in step 'call' before the call",
        cell: 2,
        line: 2,
        column: 0
      }
    ]);
  });

  it('says a Pipeline holds the estimator a later step reads, and how to reach it', () => {
    const ir = analyzeNotebook(
      notebookJson([
        codeCell('from sklearn.pipeline import make_pipeline', ['imports']),
        codeCell('model = object()\npipe = make_pipeline(model)', [
          'step:make'
        ]),
        codeCell('n = 1\npipe.fit([[1]], [1])', ['step:train']),
        codeCell('print(model, n)', ['step:report'])
      ]),
      'pipe.ipynb'
    );
    expect(ir.diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'aliased-name',
        message:
          "'pipe' holds 'model' since step 'make', but steps hand each name on as a value of " +
          "its own: the change step 'train' makes to 'pipe' does not reach the 'model' that " +
          "step 'report' takes (top to bottom it would). Read it through 'pipe' there " +
          '(pipe[-1] or pipe.named_steps for a Pipeline, else the attribute that keeps it), or ' +
          "change 'model' itself",
        cell: 2,
        line: 2,
        column: 0
      }
    ]);
  });

  it('says a step that takes an optimizer and its model apart does not train that model', () => {
    const ir = analyzeNotebook(
      notebookJson([
        codeCell('import torch', ['imports']),
        codeCell(
          'model = torch.nn.Linear(3, 1)\nopt = torch.optim.SGD(model.parameters(), lr=0.1)',
          ['step:setup']
        ),
        codeCell('loss = model(1)\nopt.step()', ['step:train'])
      ]),
      'train.ipynb'
    );
    expect(ir.diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'aliased-name',
        message:
          "'opt' holds 'model' in step 'setup', but steps hand each name on as a value of its " +
          "own: step 'train' takes both, and the change it makes to 'opt' does not reach the " +
          "'model' it reads (top to bottom it would). Make 'opt' again in step 'train' before " +
          "the change, as step 'setup' made it, or make both in step 'train'",
        cell: 2,
        line: 2,
        column: 0
      }
    ]);
  });

  it('says a part a step changes beside its whole may be a copy', () => {
    const ir = analyzeNotebook(
      notebookJson([
        codeCell('cfg = dict(model={"lr": 0.1})\nparams = cfg["model"]', [
          'step:load'
        ]),
        codeCell('params["lr"] = 0.5\nprint(cfg)', ['step:tune'])
      ]),
      'parts.ipynb'
    );
    expect(ir.diagnostics.map(d => d.message)).toEqual([
      "'params' is a part of 'cfg' in step 'load', but steps hand each name on as a value " +
        "of its own: step 'tune' takes both, and the change it makes to 'params' does not " +
        "reach the 'cfg' it reads (top to bottom it would, unless 'params' is a copy). Make " +
        "'params' again in step 'tune' before the change, as step 'load' made it, or make " +
        "both in step 'tune'"
    ]);
  });

  it('says the Pipeline a later step takes does not hold the estimator changed since', () => {
    const ir = analyzeNotebook(
      notebookJson([
        codeCell('from sklearn.pipeline import Pipeline', ['imports']),
        codeCell('model = object()\npipe = Pipeline([("m", model)])', [
          'step:make'
        ]),
        codeCell('model.fit([[1]], [1])', ['step:train']),
        codeCell('pipe.predict([[1]])', ['step:report'])
      ]),
      'pipe.ipynb'
    );
    expect(ir.diagnostics.map(d => d.message)).toEqual([
      "'pipe' holds 'model' since step 'make', but steps hand each name on as a value of its " +
        "own: the change step 'train' makes to 'model' does not reach the 'model' inside the " +
        "'pipe' that step 'report' takes (top to bottom it would). Change it through 'pipe' " +
        "(pipe.fit), or make 'pipe' after the change, in step 'train'"
    ]);
  });
});

describe('where the aliased-name warning points', () => {
  it('at the first line naming it, where no line changes it through `.` or `[`', () => {
    const ir = analyzeNotebook(
      notebookJson([
        codeCell('cfg = dict(v=[1.0])\nb = cfg["v"]', ['step:make']),
        codeCell('n = 1\n\nfor values in [b]:\n    values *= 2', ['step:grow']),
        codeCell('print(cfg, n)', ['step:report'])
      ]),
      'loop.ipynb'
    );
    expect(
      ir.diagnostics.map(({ code, cell, line }) => ({ code, cell, line }))
    ).toEqual([{ code: 'aliased-name', cell: 1, line: 3 }]);
  });
});
