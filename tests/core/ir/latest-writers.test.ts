/**
 * LatestWriters (the producer lookup) answers as a scan over every earlier step does, whether it
 * finds the writer within its scan limit or through the index a far lookup builds, and with
 * repeated step names (whose writes are kept by name: the later step's writes stand for both).
 */
import fc from 'fast-check';
import {
  LatestWriters,
  latestWriter
} from '../../../src/core/ir/latest-writers';
import { IPipelineStep } from '../../../src/core/ir/pipeline';

function step(name: string, cell: number): IPipelineStep {
  return {
    name,
    cells: [cell],
    after: [],
    inputs: [],
    outputs: [],
    producers: {},
    prev: []
  } as unknown as IPipelineStep;
}

const VARIABLES = ['df', 'model', 'x', 'y', 'z'];

/** Adds each step, asking after each for every variable, and compares with the full scan. */
function agrees(added: { name: string; writes: readonly string[] }[]): void {
  const writers = new LatestWriters();
  const steps: IPipelineStep[] = [];
  const writesOf = new Map<string, ReadonlySet<string>>();
  added.forEach(({ name, writes }, i) => {
    const s = step(name, i);
    const set = new Set(writes);
    writers.add(s, set);
    steps.push(s);
    writesOf.set(name, set);
    for (const variable of VARIABLES) {
      expect(writers.latest(variable)).toBe(
        latestWriter(steps, writesOf, variable)
      );
    }
  });
}

test('a name written only by the first of 40 steps is found from every later step (through the index)', () => {
  agrees(
    Array.from({ length: 40 }, (_, i) => ({
      name: `s${i}`,
      writes: i === 0 ? ['df'] : [`v${i}`]
    }))
  );
});

test('a step name repeated after the index is built gives the earlier step the later writes, as the scan does', () => {
  const many = Array.from({ length: 30 }, (_, i) => ({
    name: `s${i}`,
    writes: i === 0 ? ['df', 'x'] : ['y']
  }));
  agrees([
    ...many,
    { name: 's0', writes: ['z'] },
    { name: 'last', writes: [] }
  ]);
});

test('any sequence of steps, names and writes: the same writer as the full scan', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.record({
          name: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'),
          // mostly none of the variables: writers far back, so lookups build the index
          writes: fc.oneof(
            { arbitrary: fc.constant<string[]>([]), weight: 8 },
            { arbitrary: fc.subarray(VARIABLES, { maxLength: 2 }), weight: 1 }
          )
        }),
        { minLength: 20, maxLength: 80 }
      ),
      added => {
        // distinct names most of the time (a repeated name is an error the IR still answers for)
        agrees(
          added.map((a, i) =>
            i % 7 === 6 ? a : { ...a, name: `${a.name}${i}` }
          )
        );
      }
    ),
    { numRuns: 300 }
  );
});
