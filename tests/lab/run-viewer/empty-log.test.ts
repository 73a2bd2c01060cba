import { nullTranslation } from '../../support/null-translation';
import { emptyLogText } from '../../../src/lab/run-viewer/empty-log';

const trans = nullTranslation;

describe('the log panel of a step that wrote nothing', () => {
  it.each([
    ['Pending', 'local', '(nothing written yet)'],
    ['Running', 'argo', '(nothing written yet)'],
    [
      'Skipped',
      'local',
      '(the step did not run: a step before it failed or the run stopped)'
    ],
    ['Cancelled', 'local', '(cancelled before the step wrote anything)'],
    ['Succeeded', 'local', '(the step wrote nothing)'],
    ['Failed', 'argo', '(the step wrote nothing)'],
    ['Succeeded', 'kfp', 'Cluster logs are in the run UI linked above.']
  ] as const)(
    'says where a %s step of a %s run stands',
    (status, target, text) => {
      expect(emptyLogText(status, target, trans)).toBe(text);
    }
  );
});
