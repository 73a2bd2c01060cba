import { parseCellTags } from '../../../src/core/notebook/tags';
import {
  formFromTags,
  formProblems,
  tagsFromForm
} from '../../../src/lab/tagging/tag-form';
import {
  blockAbove,
  cellBadges,
  stepsAbove,
  stepsBefore,
  stepsBelow
} from '../../../src/lab/tagging/cell-steps';
import { renamedPrevTags } from '../../../src/lab/tagging/tag-form';

describe('cell tags as a form, and back', () => {
  it('reads a Kale step cell', () => {
    const form = formFromTags([
      'block:train_model',
      'prev:load',
      'limit:memory:4Gi',
      'limit:nvidia.com/gpu:1',
      'retry:2',
      'timeout:30m',
      'label:team:ml',
      'my-own-tag'
    ]);
    expect(form).toMatchObject({
      role: 'step',
      name: 'train_model',
      prev: ['load'],
      memoryLimit: '4Gi',
      gpuLimit: '1',
      retries: '2',
      timeout: '30m',
      cpuLimit: ''
    });
  });

  it('writes the form’s tags and keeps every tag it does not edit, in order', () => {
    const previous = [
      'my-own-tag',
      'step:old',
      'label:team:ml',
      'limit:cpu:1',
      'cache:disabled'
    ];
    const form = {
      ...formFromTags(previous),
      name: 'new_name',
      cpuLimit: '2',
      memoryLimit: ''
    };
    expect(tagsFromForm(form, previous)).toEqual([
      'step:new_name',
      'limit:cpu:2',
      'my-own-tag',
      'label:team:ml',
      'cache:disabled'
    ]);
  });

  it('keeps a legacy block: tag while the step name is unchanged', () => {
    const previous = ['block:load'];
    expect(tagsFromForm(formFromTags(previous), previous)).toEqual([
      'block:load'
    ]);
    const renamed = { ...formFromTags(previous), name: 'read' };
    expect(tagsFromForm(renamed, previous)).toEqual(['step:read']);
  });

  it('writes each role as design §2 spells it, and drops step settings off a step', () => {
    const previous = ['step:a', 'limit:cpu:2', 'prev:x'];
    const base = formFromTags(previous);
    expect(tagsFromForm({ ...base, role: 'imports' }, previous)).toEqual([
      'imports'
    ]);
    expect(tagsFromForm({ ...base, role: 'parameters' }, previous)).toEqual([
      'pipeline-parameters'
    ]);
    expect(tagsFromForm({ ...base, role: 'metrics' }, previous)).toEqual([
      'pipeline-metrics'
    ]);
    expect(tagsFromForm({ ...base, role: 'skip' }, previous)).toEqual(['skip']);
    expect(tagsFromForm({ ...base, role: 'continue' }, previous)).toEqual([
      'prev:x'
    ]);
  });

  it('round-trips through the analyzer’s own tag parser', () => {
    const form = {
      ...formFromTags([]),
      role: 'step' as const,
      name: 'train',
      prev: ['load'],
      image: 'registry.example.com/ds/gpu:1',
      cpuRequest: '500m',
      timeout: '2h'
    };
    const parsed = parseCellTags(tagsFromForm(form, []));
    expect(parsed.problems).toEqual([]);
    expect(parsed.role).toEqual({ kind: 'step', name: 'train' });
    expect(parsed.prev).toEqual(['load']);
    expect(parsed.settings.image).toBe('registry.example.com/ds/gpu:1');
    expect(parsed.settings.requests).toEqual({ cpu: '500m' });
    expect(parsed.settings.timeoutSeconds).toBe(7200);
  });

  it('names what is wrong, field by field', () => {
    const form = {
      ...formFromTags([]),
      role: 'step' as const,
      name: '2fast',
      memoryLimit: '4 GB',
      retries: 'many',
      prev: ['later']
    };
    const problems = formProblems(form, ['load']);
    expect(Object.keys(problems).sort()).toEqual([
      'memoryLimit',
      'name',
      'prev',
      'retries'
    ]);
    expect(problems.name).toMatch(/start with a letter/);
    expect(problems.memoryLimit).toMatch(/not a Kubernetes quantity/);
    expect(problems.prev).toMatch(/later is not a step above/);
    expect(
      formProblems(
        { ...form, name: 'load', memoryLimit: '', retries: '', prev: [] },
        ['load']
      ).name
    ).toMatch(/already exists above/);
    expect(
      formProblems(
        { ...form, name: 'ok', memoryLimit: '', retries: '', prev: [] },
        ['load']
      )
    ).toEqual({});
  });

  it('marks the field of a request above its limit, and of a fraction of a GPU', () => {
    const form = {
      ...formFromTags([]),
      role: 'step' as const,
      name: 'train',
      cpuLimit: '1',
      cpuRequest: '2',
      memoryLimit: '512Mi',
      memoryRequest: '256Mi',
      gpuLimit: '1.5'
    };
    expect(formProblems(form, [])).toEqual({
      gpuLimit: 'a whole number: Kubernetes gives GPUs in whole units',
      cpuRequest:
        'more than the CPU limit (1): Kubernetes refuses a pod that asks for more than its limit'
    });
  });

  it("says what is wrong in the fields' words, not the tags'", () => {
    const form = {
      ...formFromTags([]),
      role: 'step' as const,
      name: 'train',
      image: 'my image!!',
      retries: '-1',
      timeout: '1.5x',
      memoryLimit: '0.5',
      gpuLimit: '1',
      cpuLimit: 'two'
    };
    expect(formProblems(form, [])).toEqual({
      image:
        'an image reference has no spaces, for example registry.example.com/team/py:3.11',
      retries: 'a whole number from 0 to 999',
      timeout: 'a duration, for example 30m, 2h, 1h30m or 90 (seconds)',
      memoryLimit:
        'a fraction of a byte: write the size with a unit, for example 0.5Mi',
      cpuLimit: "'two' is not a Kubernetes quantity (for example 500m, 2, 4Gi)"
    });
    expect(
      formProblems(
        {
          ...form,
          image: 'Team/Py:3.11',
          retries: '',
          timeout: '1.5s',
          memoryLimit: '',
          cpuLimit: ''
        },
        []
      )
    ).toEqual({
      image:
        'not an image reference: [registry[:port]/]path[:tag][@digest], the path in lower case, for example registry.example.com/team/py:3.11',
      timeout: "a whole number of seconds, 1 or more: '1.5s' is 1.5 s"
    });
  });
});

describe('a continuation cell with step settings', () => {
  it('keeps them: the form shows none for it, and the analyzer merges them into its step', () => {
    const tags = ['limit:cpu:2', 'retry:3', 'note'];
    const form = formFromTags(tags);
    expect(form.role).toBe('continue');
    expect(tagsFromForm(form, tags)).toEqual([
      'limit:cpu:2',
      'retry:3',
      'note'
    ]);
    expect(tagsFromForm({ ...form, role: 'skip' }, tags)).toEqual([
      'skip',
      'note'
    ]);
  });
});

describe('which step each cell belongs to', () => {
  const cells = [
    { type: 'code', tags: ['imports'] },
    { type: 'markdown', tags: [] },
    { type: 'code', tags: ['step:load'] },
    { type: 'code', tags: [] },
    { type: 'code', tags: ['block:train'] },
    { type: 'code', tags: ['skip'] },
    { type: 'code', tags: [] }
  ];

  it('badges the first cell of a step, its continuations and the roles', () => {
    expect(cellBadges(cells)).toEqual([
      { kind: 'role', role: 'imports' },
      { kind: 'none' },
      { kind: 'step', step: 'load', first: true },
      { kind: 'step', step: 'load', first: false },
      { kind: 'step', step: 'train', first: true },
      { kind: 'role', role: 'skip' },
      { kind: 'step', step: 'train', first: false }
    ]);
  });

  it('badges an untagged cell after an imports, parameters or metrics cell as that block, as the analyzer reads it', () => {
    const roles = [
      { type: 'code', tags: ['step:load'] },
      { type: 'code', tags: ['pipeline-parameters'] },
      { type: 'code', tags: [] },
      { type: 'code', tags: ['skip'] },
      { type: 'code', tags: [] },
      { type: 'code', tags: ['pipeline-metrics'] },
      { type: 'code', tags: [] }
    ];
    expect(cellBadges(roles).slice(1)).toEqual([
      { kind: 'role', role: 'parameters' },
      { kind: 'role', role: 'parameters' },
      { kind: 'role', role: 'skip' },
      { kind: 'role', role: 'parameters' },
      { kind: 'role', role: 'metrics' },
      { kind: 'role', role: 'metrics' }
    ]);
    expect(blockAbove(roles, 2)).toEqual({ kind: 'role', role: 'parameters' });
    expect(blockAbove(roles, 1)).toEqual({
      kind: 'step',
      step: 'load',
      first: false
    });
    expect(blockAbove(roles, 0)).toEqual({ kind: 'none' });
  });

  it('offers the steps above a cell for prev:', () => {
    expect(stepsAbove(cells, 4)).toEqual(['load']);
    expect(stepsAbove(cells, 7)).toEqual(['load', 'train']);
    expect(stepsAbove(cells, 0)).toEqual([]);
  });
});

describe('a cell tagged with the step right above it (a pasted copy of a step cell)', () => {
  // segment.ts reads cells 1 and 2 as one step, 'slow'; a 'slow' further down is a duplicate.
  const cells = [
    { type: 'code', tags: ['step:fast'] },
    { type: 'code', tags: ['step:slow'] },
    { type: 'code', tags: ['step:slow'] },
    { type: 'code', tags: ['step:last'] }
  ];

  it('badges it as part of that step, as the analyzer merges them', () => {
    expect(cellBadges(cells)[2]).toEqual({
      kind: 'step',
      step: 'slow',
      first: false
    });
    expect(stepsBelow(cells, 1)).toEqual(['last']);
  });

  it('neither calls its name taken nor offers the step itself for prev:', () => {
    const continues = blockAbove(cells, 2);
    const before = stepsBefore(stepsAbove(cells, 2), continues, 'step', 'slow');
    expect(before).toEqual(['fast']);
    const form = formFromTags(['step:slow']);
    expect(formProblems(form, before, stepsBelow(cells, 2))).toEqual({});
  });

  it('still offers that step to a cell that starts another step there, and calls a repeat further down taken', () => {
    const continues = blockAbove(cells, 2);
    expect(
      stepsBefore(stepsAbove(cells, 2), continues, 'step', 'other')
    ).toEqual(['fast', 'slow']);
    const later = stepsBefore(
      stepsAbove(cells, 4),
      blockAbove(cells, 4),
      'step',
      'slow'
    );
    expect(later).toEqual(['fast', 'slow', 'last']);
    expect(formProblems(formFromTags(['step:slow']), later).name).toBe(
      "a step 'slow' already exists above"
    );
  });

  it('does not offer an untagged cell its own step for prev:', () => {
    expect(
      stepsBefore(stepsAbove(cells, 3), blockAbove(cells, 3), 'continue', '')
    ).toEqual(['fast']);
  });
});

describe('a step name used below, a prev: that names no step, a renamed step', () => {
  const step = formFromTags(['step:load']);

  it('refuses a step name that a step below already has', () => {
    expect(formProblems({ ...step, name: 'report' }, [], ['report']).name).toBe(
      "a step 'report' already exists below"
    );
    expect(formProblems(step, [], ['report'])).toEqual({});
  });

  it('reports a prev: that names no step above only where prev: tags are written', () => {
    const cell = formFromTags(['step:report', 'prev:gone']);
    expect(formProblems(cell, ['load']).prev).toBe(
      'prev: gone is not a step above this cell'
    );
    // Made a skipped or imports cell, the cell loses its prev: tags: nothing left to fix.
    expect(formProblems({ ...cell, role: 'skip' }, ['load'])).toEqual({});
    expect(formProblems({ ...cell, role: 'imports' }, ['load'])).toEqual({});
    // Unticked, it is gone.
    expect(formProblems({ ...cell, prev: [] }, ['load'])).toEqual({});
  });

  it('renames prev: tags that name a renamed step, keeping the rest in order', () => {
    expect(
      renamedPrevTags(['step:c', 'prev:a', 'prev:b', 'mine'], 'a', 'a2')
    ).toEqual(['step:c', 'prev:a2', 'prev:b', 'mine']);
    expect(renamedPrevTags([' prev:a '], 'a', 'a2')).toEqual(['prev:a2']);
    expect(renamedPrevTags(['step:c', 'prev:ab'], 'a', 'a2')).toBeNull();
  });

  it('offers the steps below a cell, for duplicate names', () => {
    const cells = [
      { type: 'code', tags: ['step:load'] },
      { type: 'code', tags: [] },
      { type: 'code', tags: ['step:train'] },
      { type: 'code', tags: ['step:report'] }
    ];
    expect(stepsBelow(cells, 0)).toEqual(['train', 'report']);
    expect(stepsBelow(cells, 2)).toEqual(['report']);
    expect(stepsBelow(cells, 3)).toEqual([]);
  });
});
