/**
 * The Pipeline step panel as a newcomer meets it (issue 15): no red before typing, inferred
 * dependencies shown checked under "Runs after", Apply says what it did, and the step badge
 * leaves the cell toolbar's delete button visible. A notebook written from scratch finds the
 * panel from the sidebar, the cell context menu, the command palette and the diagnostics; an
 * Apply can be undone.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import * as path from 'path';

const EXAMPLES = path.resolve(__dirname, '..', '..', 'examples');
const stepPanel = '#cellpipe-step-panel';

async function openFanOut(page: IJupyterLabPageFixture, tmpPath: string) {
  const notebook = `${tmpPath}/fan-out.ipynb`;
  await page.contents.uploadFile(
    path.join(EXAMPLES, 'fan-out.ipynb'),
    notebook
  );
  await page.notebook.openByPath(notebook);
  await page.notebook.activate('fan-out.ipynb');
  await expect(
    page.locator('.jp-Cell .jp-cellpipe-Badge', { hasText: 'mlp' })
  ).toHaveCount(1);
}

async function openStepPanel(page: IJupyterLabPageFixture) {
  await page.evaluate(() =>
    (window as any).galata.app.commands.execute('cellpipe:edit-step')
  );
  await expect(page.locator(stepPanel)).toBeVisible();
}

async function cellTags(
  page: IJupyterLabPageFixture,
  index: number
): Promise<string[]> {
  return page.evaluate(
    i =>
      (window as any).galata.app.shell.currentWidget.content.widgets[
        i
      ].model.getMetadata('tags'),
    index
  );
}

/** A new notebook of code cells, each `[source, tags?]`, its tags set as a user's editor would. */
async function newTaggedNotebook(
  page: IJupyterLabPageFixture,
  name: string,
  cells: [string, string[]?][]
) {
  await page.notebook.createNew(name);
  for (const [index, [source]] of cells.entries()) {
    if (index === 0) {
      await page.notebook.setCell(0, 'code', source);
    } else {
      await page.notebook.addCell('code', source);
    }
  }
  await page.evaluate(tagged => {
    const widgets = (window as any).galata.app.shell.currentWidget.content
      .widgets;
    tagged.forEach(([, tags], index) => {
      if (tags) {
        widgets[index].model.setMetadata('tags', tags);
      }
    });
  }, cells);
}

test.describe('the step panel', () => {
  test('shows inferred dependencies checked, says what Apply did, and is red only after typing', async ({
    page,
    tmpPath
  }) => {
    await openFanOut(page, tmpPath);
    // Cell 10 (index 9) is step mlp: it uses split's data, so it runs after split anyway.
    await page.notebook.selectCells(9);
    await openStepPanel(page);
    await expect(page.locator(`${stepPanel} input[name="name"]`)).toHaveValue(
      'mlp'
    );
    const split = page.locator(
      `${stepPanel} .jp-cellpipe-StepEditor-prev label[data-step="split"]`
    );
    await expect(split.locator('input')).toBeChecked();
    await expect(split.locator('input')).toBeDisabled();
    await expect(split).toContainText(
      '(uses x_test, x_train, y_test, y_train)'
    );
    // A step mlp does not use stays unchecked and can be chosen.
    const forest = page.locator(
      `${stepPanel} .jp-cellpipe-StepEditor-prev label[data-step="forest"]`
    );
    await expect(forest.locator('input')).not.toBeChecked();
    await expect(forest.locator('input')).toBeEnabled();

    // Apply says what it did, and the message goes with the next change.
    await page.locator(`${stepPanel} input[name="memoryLimit"]`).fill('2Gi');
    const notice = page.locator(`${stepPanel} .jp-cellpipe-StepEditor-notice`);
    await expect(notice).toHaveCount(0);
    await page.locator(`${stepPanel} button[type="submit"]`).click();
    await expect(notice).toHaveText(
      'Applied: this cell is tagged step:mlp, limit:memory:2Gi.'
    );
    // Nothing in the panel is wider than the sidebar: no sideways scrolling, the notice wraps.
    expect(
      await page
        .locator(stepPanel)
        .evaluate(node => node.scrollWidth - node.clientWidth)
    ).toBeLessThanOrEqual(0);
    await page.locator(`${stepPanel} input[name="cpuLimit"]`).fill('1');
    await expect(notice).toHaveCount(0);

    // The metrics cell made a step: the empty name is a hint, not an error, until typed in.
    await page.notebook.selectCells(13);
    await expect(page.locator(`${stepPanel} select[name="role"]`)).toHaveValue(
      'metrics'
    );
    await page.locator(`${stepPanel} select[name="role"]`).selectOption('step');
    const name = page.locator(`${stepPanel} input[name="name"]`);
    await expect(name).toHaveValue('');
    await expect(
      page.locator(`${stepPanel} .jp-cellpipe-StepEditor-hint`)
    ).toHaveCount(1);
    await expect(page.locator(`${stepPanel} .jp-cellpipe-error`)).toHaveCount(
      0
    );
    await expect(name).not.toHaveAttribute('aria-invalid', /.*/);
    await expect(
      page.locator(`${stepPanel} button[type="submit"]`)
    ).toBeDisabled();
    await name.fill('2bad');
    await expect(page.locator(`${stepPanel} .jp-cellpipe-error`)).toContainText(
      'start with a letter'
    );
    await expect(name).toHaveAttribute('aria-invalid', 'true');
    // The settings' problems in the fields' words, not the tags'.
    await page.locator(`${stepPanel} input[name="image"]`).fill('my image!!');
    await page.locator(`${stepPanel} input[name="retries"]`).fill('-1');
    const errors = page.locator(`${stepPanel} .jp-cellpipe-error`);
    await expect(errors).toContainText([
      'start with a letter',
      'an image reference has no spaces, for example registry.example.com/team/py:3.11',
      'a whole number from 0 to 999'
    ]);
  });

  test('the active cell shows its step in the cell toolbar, clear of its buttons', async ({
    page,
    tmpPath
  }) => {
    // Wide enough that JupyterLab shows the cell toolbar over the code (it hides it where it
    // would cover the first line).
    await page.setViewportSize({ width: 1600, height: 900 });
    await openFanOut(page, tmpPath);
    const cell = page.locator('.jp-Notebook .jp-Cell.jp-mod-active');
    const remove = cell.locator(
      '.jp-cell-toolbar [data-command="cell-toolbar:delete"]'
    );
    const inToolbar = cell.locator('.jp-cell-toolbar .jp-cellpipe-ToolbarStep');
    const floating = cell.locator(':scope > .jp-cellpipe-Badge');
    /** The toolbar's copy of the badge names `step`, and covers no button. */
    const expectStepInToolbar = async (step: string) => {
      await expect(remove).toBeVisible();
      await expect(inToolbar).toHaveText(step);
      await expect(inToolbar).toBeVisible();
      // the floating badge, at the cell's top right where the toolbar is, hides
      await expect(floating).toHaveText(step);
      await expect(floating).toBeHidden();
      const buttons = cell.locator(
        '.jp-cell-toolbar .jp-ToolbarButtonComponent'
      );
      const step_ = (await inToolbar.boundingBox())!;
      for (const button of await buttons.all()) {
        const b = (await button.boundingBox())!;
        expect(step_.x + step_.width <= b.x || b.x + b.width <= step_.x).toBe(
          true
        );
      }
      // The delete button is what a click there reaches.
      const a = (await remove.boundingBox())!;
      const centre = { x: a.x + a.width / 2, y: a.y + a.height / 2 };
      const hit = await page.evaluate(
        ({ x, y }) =>
          document
            .elementFromPoint(x, y)
            ?.closest('[data-command="cell-toolbar:delete"]') !== null,
        centre
      );
      expect(hit).toBe(true);
    };
    await page.notebook.selectCells(9);
    await expectStepInToolbar('mlp');
    // A one-line cell: before, the badge moved to the bottom, onto the toolbar's buttons.
    await page.notebook.setCell(7, 'code', 'extra = 1');
    await page.notebook.selectCells(7);
    await expectStepInToolbar('extra_trees');
    // Renamed while the cell is active: the toolbar follows.
    await openStepPanel(page);
    await page.locator(`${stepPanel} input[name="name"]`).fill('extra_model');
    await page.locator(`${stepPanel} button[type="submit"]`).click();
    await expectStepInToolbar('extra_model');
    // Another cell made active: its own step, and the first cell's badge floats again.
    await page.notebook.selectCells(6);
    await expectStepInToolbar('forest');
    await expect(
      page
        .locator('.jp-Notebook .jp-Cell')
        .nth(7)
        .locator(':scope > .jp-cellpipe-Badge')
    ).toBeVisible();
  });

  test('a notebook written from scratch finds the step panel from the sidebar, the context menu and the diagnostics', async ({
    page
  }) => {
    const sidebar = '#cellpipe-sidebar';
    await page.notebook.createNew('scratch.ipynb');
    await page.notebook.setCell(0, 'code', 'import math');
    await page.notebook.addCell('code', 'xs = [1, 2, 3]');
    await page.notebook.addCell('code', 'total = sum(xs) * math.pi');
    await page.sidebar.openTab('cellpipe-sidebar');
    await page.sidebar.close('right');
    await expect(page.locator(stepPanel)).toBeHidden();

    // No step yet: the sidebar says how to make one, and its button opens the panel.
    const noSteps = page.locator(`${sidebar} .jp-cellpipe-NoSteps`);
    await expect(noSteps).toContainText('No steps yet');
    await expect(noSteps).toContainText('Pipeline step panel');
    await expect(
      page.locator(
        `${sidebar} .jp-cellpipe-Diagnostic[data-code="empty-pipeline"]`
      )
    ).toContainText('in the Pipeline step panel');
    await page.notebook.selectCells(1);
    await noSteps.locator('.jp-cellpipe-openStepPanel').click();
    await expect(page.locator(stepPanel)).toBeVisible();
    const role = page.locator(`${stepPanel} select[name="role"]`);
    await role.selectOption('step');
    await page.locator(`${stepPanel} input[name="name"]`).fill('load');
    await page.locator(`${stepPanel} button[type="submit"]`).click();
    await expect(page.locator(`${sidebar} [data-step="load"]`)).toBeVisible();
    await expect(noSteps).toHaveCount(0);

    // The imports cell above the step: its diagnostic says where to fix it, and a click on it
    // selects the cell and opens the panel there.
    await page.sidebar.close('right');
    const untagged = page.locator(
      `${sidebar} .jp-cellpipe-Diagnostic[data-code="untagged-cell"]`
    );
    await expect(untagged).toContainText(
      'this code cell comes before any step: in the Pipeline step panel'
    );
    await untagged.locator('button').click();
    await expect(page.locator(stepPanel)).toBeVisible();
    await expect(
      page.locator('.jp-Notebook .jp-Cell.jp-mod-active')
    ).toContainText('import math');
    await expect(role).toHaveValue('continue');
    await role.selectOption('imports');
    await page.locator(`${stepPanel} button[type="submit"]`).click();
    await expect(untagged).toHaveCount(0);

    // The cell context menu opens the panel on the cell clicked, though a right-click in an
    // editor does not make its cell the active one in JupyterLab (the first cell stays active).
    await page.sidebar.close('right');
    const active = page.locator('.jp-Notebook .jp-Cell.jp-mod-active');
    await expect(active).toContainText('import math');
    await page
      .locator('.jp-Notebook .jp-Cell')
      .nth(2)
      .locator('.jp-InputArea-editor')
      .click({ button: 'right' });
    await page
      .locator('.lm-Menu-item', { hasText: 'Edit Pipeline Step of Cell' })
      .click();
    await expect(page.locator(stepPanel)).toBeVisible();
    await expect(active).toContainText('total = sum(xs)');
    await role.selectOption('step');
    await page.locator(`${stepPanel} input[name="name"]`).fill('report');
    await page.locator(`${stepPanel} button[type="submit"]`).click();
    await expect(page.locator(`${sidebar} .jp-cellpipe-Dag-node`)).toHaveCount(
      2
    );
    await expect(
      page.locator(`${sidebar} [data-section="diagnostics"]`)
    ).toContainText('No problems found.');
    // Each way tagged the cell it was used on, and nothing else.
    const tags = await page.evaluate(() => {
      const cells = (window as any).galata.app.shell.currentWidget.content
        .widgets;
      return cells.map((cell: any) => cell.model.getMetadata('tags') ?? []);
    });
    expect(tags).toEqual([['imports'], ['step:load'], ['step:report']]);
  });

  test("Undo in Apply's notice takes the tags back, where JupyterLab's undo does not reach metadata", async ({
    page
  }) => {
    await page.notebook.createNew('undo.ipynb');
    await page.notebook.setCell(0, 'code', 'xs = [1, 2, 3]');
    await page.notebook.addCell('code', 'total = sum(xs)');
    await page.notebook.selectCells(0);
    await openStepPanel(page);
    await page.locator(`${stepPanel} select[name="role"]`).selectOption('step');
    await page.locator(`${stepPanel} input[name="name"]`).fill('load');
    await page.locator(`${stepPanel} button[type="submit"]`).click();
    expect(await cellTags(page, 0)).toEqual(['step:load']);
    const notice = page.locator(`${stepPanel} .jp-cellpipe-StepEditor-notice`);
    const undo = page.locator(`${stepPanel} .jp-cellpipe-undo`);
    // The notice and its Undo stay while the user reads them: past the once-a-second check for
    // tag changes JupyterLab does not signal (silent-tag-changes.ts), which took them away when
    // it saw the Apply's own change (CI: the click came after it, the button was gone).
    await page.waitForTimeout(2_500);
    await expect(notice).toHaveText(/^Applied: this cell is tagged step:load/);
    await undo.click();
    await expect(notice).toHaveText('Undone: the tags are as they were.');
    expect(await cellTags(page, 0)).toBeUndefined();
    await expect(page.locator(`${stepPanel} select[name="role"]`)).toHaveValue(
      'continue'
    );
    await expect(undo).toHaveCount(0);
  });

  test('the command palette opens the panel with the keyboard in its first field', async ({
    page
  }) => {
    await page.notebook.createNew('keys.ipynb');
    await page.notebook.setCell(0, 'code', 'xs = [1, 2, 3]');
    // The notebook takes the focus back as its kernel connects: keys wait for that.
    await expect(
      page.getByRole('button', { name: /\| Idle$/ }).first()
    ).toBeVisible({ timeout: 60_000 });
    await page.sidebar.close('right');
    await expect(page.locator(stepPanel)).toBeHidden();
    await page.keyboard.press('Escape'); // command mode: the palette's keys reach the palette
    await page.keyboard.press('Control+Shift+C');
    const palette = page.locator('#command-palette');
    await palette.locator('input').fill('Edit Pipeline Step');
    await expect(
      palette.locator('.lm-CommandPalette-item', {
        hasText: 'Edit Pipeline Step of Cell'
      })
    ).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.locator(stepPanel)).toBeVisible();
    await expect(
      page.locator(`${stepPanel} select[name="role"]`)
    ).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(
      page.locator(`${stepPanel} select[name="role"]`)
    ).not.toHaveValue('continue');

    // Apply from the keyboard keeps the focus in the panel (its button, disabled once applied,
    // would leave it on the page's body, where no shortcut reaches), and Accel Shift Enter
    // runs the pipeline from there too.
    await page.locator(`${stepPanel} select[name="role"]`).selectOption('step');
    await page.locator(`${stepPanel} input[name="name"]`).fill('load');
    const apply = page.locator(`${stepPanel} button[type="submit"]`);
    await apply.focus();
    await page.keyboard.press('Enter');
    await expect(apply).toBeDisabled();
    expect(await cellTags(page, 0)).toEqual(['step:load']);
    await expect(
      page.locator(`${stepPanel} select[name="role"]`)
    ).toBeFocused();
    const bound = await page.evaluate(() =>
      (window as any).galata.app.commands.keyBindings
        .filter((b: any) => b.command === 'cellpipe:compile-and-run')
        .map((b: any) => b.selector)
    );
    expect(bound).toContain('#cellpipe-step-panel');
  });

  test('a renamed step takes the prev: tags below along, a prev: naming no step can be unticked, and a name below is refused', async ({
    page,
    tmpPath
  }) => {
    await openFanOut(page, tmpPath);
    const apply = page.locator(`${stepPanel} button[type="submit"]`);
    const prevChoice = (step: string) =>
      page.locator(
        `${stepPanel} .jp-cellpipe-StepEditor-prev label[data-step="${step}"]`
      );
    // knn (cell 11, index 10) runs after forest by hand.
    await page.notebook.selectCells(10);
    await openStepPanel(page);
    await prevChoice('forest').locator('input').check();
    await apply.click();
    expect(await cellTags(page, 10)).toEqual(['step:knn', 'prev:forest']);

    await page.notebook.selectCells(6);
    const name = page.locator(`${stepPanel} input[name="name"]`);
    await expect(name).toHaveValue('forest');
    // A name that a step below has is refused, and the disabled Apply looks disabled.
    await name.fill('compare');
    await expect(page.locator(`${stepPanel} .jp-cellpipe-error`)).toHaveText(
      "a step 'compare' already exists below"
    );
    await expect(apply).toBeDisabled();
    await expect(apply).toHaveCSS('opacity', '0.5');
    // Renamed: knn's prev: follows, and the notice says so.
    await name.fill('random_forest');
    await apply.click();
    await expect(
      page.locator(`${stepPanel} .jp-cellpipe-StepEditor-notice`)
    ).toHaveText(
      'Applied: this cell is tagged step:random_forest. prev:forest now reads prev:random_forest in 1 cell below.'
    );
    expect(await cellTags(page, 10)).toEqual([
      'step:knn',
      'prev:random_forest'
    ]);

    // A prev: that names no step (a typo): listed and checked, so unticking it fixes the cell.
    await page.evaluate(() =>
      (
        window as any
      ).galata.app.shell.currentWidget.content.widgets[10].model.setMetadata(
        'tags',
        ['step:knn', 'prev:forrest']
      )
    );
    await page.notebook.selectCells(10);
    await expect(prevChoice('forrest')).toContainText(
      '(not a step above: untick to drop it)'
    );
    await expect(page.locator(`${stepPanel} .jp-cellpipe-error`)).toHaveText(
      'prev: forrest is not a step above this cell'
    );
    await expect(apply).toBeDisabled();
    await prevChoice('forrest').locator('input').click();
    await expect(prevChoice('forrest')).toHaveCount(0);
    await apply.click();
    expect(await cellTags(page, 10)).toEqual(['step:knn']);
  });

  test('a pasted copy of a step cell is part of that step, as the analyzer reads it: no name taken, no prev: on itself', async ({
    page
  }) => {
    await newTaggedNotebook(page, 'copied.ipynb', [
      ['x = 1', ['step:fast']],
      ['import time\ntime.sleep(0)', ['step:slow']],
      ['import time\ntime.sleep(0)', ['step:slow']]
    ]);
    // The copy continues step slow: one badge for the step, as its cells are one step.
    await expect(
      page.locator('.jp-Cell .jp-cellpipe-Badge', { hasText: 'slow' })
    ).toHaveCount(1);
    await page.notebook.selectCells(2);
    await openStepPanel(page);
    await expect(page.locator(`${stepPanel} input[name="name"]`)).toHaveValue(
      'slow'
    );
    await expect(page.locator(`${stepPanel} .jp-cellpipe-error`)).toHaveCount(
      0
    );
    const prevChoices = page.locator(
      `${stepPanel} .jp-cellpipe-StepEditor-prev label[data-step]`
    );
    await expect(prevChoices).toHaveCount(1);
    await expect(prevChoices).toHaveAttribute('data-step', 'fast');
    // Its settings can be changed: Apply is enabled once something is.
    await prevChoices.locator('input').check();
    const apply = page.locator(`${stepPanel} button[type="submit"]`);
    await expect(apply).toBeEnabled();
    await apply.click();
    expect(await cellTags(page, 2)).toEqual(['step:slow', 'prev:fast']);
  });

  test('a step name the tags already hold that a step above has is an error at once, in red', async ({
    page
  }) => {
    await newTaggedNotebook(page, 'taken.ipynb', [
      ['x = 1', ['step:train']],
      ['y = x + 1', ['step:evaluate']],
      ['z = y + 1', ['step:train']]
    ]);
    await page.notebook.selectCells(2);
    await openStepPanel(page);
    const name = page.locator(`${stepPanel} input[name="name"]`);
    await expect(name).toHaveValue('train');
    await expect(page.locator(`${stepPanel} .jp-cellpipe-error`)).toHaveText(
      "a step 'train' already exists above"
    );
    await expect(name).toHaveAttribute('aria-invalid', 'true');
    await expect(
      page.locator(`${stepPanel} button[type="submit"]`)
    ).toBeDisabled();
  });

  test('says what an untagged cell continues as the analyzer reads it, and Apply mends a cell with two role tags', async ({
    page
  }) => {
    await newTaggedNotebook(page, 'roles.ipynb', [
      ['n_rows = 200', ['pipeline-parameters']],
      ['threshold = 0.5'],
      ['rows = list(range(n_rows))', ['step:load', 'step:fit']]
    ]);
    // An untagged cell after a parameters cell is one of the parameters (badge and panel).
    await page.notebook.selectCells(1);
    await openStepPanel(page);
    const role = page.locator(`${stepPanel} select[name="role"]`);
    await expect(role.locator('option[value="continue"]')).toHaveText(
      'continues the pipeline parameters cell'
    );
    await expect(
      page.locator(`${stepPanel} .jp-cellpipe-StepEditor-hint`).first()
    ).toHaveText(
      'Untagged, it belongs to the pipeline parameters cell above it.'
    );
    await expect(
      page.locator('.jp-Cell').nth(1).locator('.jp-cellpipe-Badge')
    ).toHaveText('parameters');
    await expect(
      page.locator(`${stepPanel} .jp-cellpipe-StepEditor-prev`)
    ).toHaveCount(0);

    // Two role tags: the panel shows the first, and Apply (enabled) leaves only that one.
    await page.notebook.selectCells(2);
    await expect(page.locator(`${stepPanel} input[name="name"]`)).toHaveValue(
      'load'
    );
    const apply = page.locator(`${stepPanel} button[type="submit"]`);
    await expect(apply).toBeEnabled();
    await apply.click();
    expect(await cellTags(page, 2)).toEqual(['step:load']);
    await expect(apply).toBeDisabled();
  });

  test('"Runs after" follows edits to the code while the panel is open', async ({
    page
  }) => {
    await newTaggedNotebook(page, 'edited.ipynb', [
      ['df = [1, 2]', ['step:clean']],
      ['score = 1', ['step:evaluate']]
    ]);
    await page.notebook.selectCells(1);
    await openStepPanel(page);
    const clean = page.locator(
      `${stepPanel} .jp-cellpipe-StepEditor-prev label[data-step="clean"]`
    );
    await expect(clean.locator('input')).not.toBeChecked();
    // Typed in the active cell: evaluate now uses df, from clean.
    await page.notebook.enterCellEditingMode(1);
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nprint(len(df))');
    await expect(clean).toContainText('(uses df)');
    await expect(clean.locator('input')).toBeChecked();
    // And back: the line removed, clean is no longer used.
    for (let i = 0; i < 'print(len(df))'.length + 1; i++) {
      await page.keyboard.press('Backspace');
    }
    await expect(clean).not.toContainText('(uses df)');
    await expect(clean.locator('input')).not.toBeChecked();
  });

  test('"Runs after" previews the steps a cell made a new step would use, before Apply', async ({
    page
  }) => {
    await newTaggedNotebook(page, 'preview.ipynb', [
      ['df = [1, 2]', ['step:load']],
      ['X = df + [3]', ['step:features']],
      ['model = len(X)']
    ]);
    await page.notebook.selectCells(2);
    await openStepPanel(page);
    const choice = (step: string) =>
      page.locator(
        `${stepPanel} .jp-cellpipe-StepEditor-prev label[data-step="${step}"]`
      );
    // Continuing features, the cell runs after load (features uses df).
    await expect(choice('load').locator('input')).toBeChecked();
    await page.locator(`${stepPanel} select[name="role"]`).selectOption('step');
    await page.locator(`${stepPanel} input[name="name"]`).fill('fit');
    // A step of its own uses X, from features, and nothing from load.
    await expect(choice('features')).toContainText('(uses X)');
    await expect(choice('features').locator('input')).toBeChecked();
    await expect(choice('load').locator('input')).not.toBeChecked();
    await expect(choice('load').locator('input')).toBeEnabled();
  });
});
