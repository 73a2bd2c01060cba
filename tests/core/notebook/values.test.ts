import fc from 'fast-check';
import {
  compareQuantities,
  isWholeQuantity,
  resourcesProblems
} from '../../../src/core/notebook/values';

describe('Kubernetes quantities', () => {
  it.each([
    ['700m', '0.7', 0],
    ['0.7', '700m', 0],
    ['1Gi', '1024Mi', 0],
    ['1G', '1Gi', -1],
    ['1e3', '1k', 0],
    ['1.5', '2', -1],
    ['2', '1500m', 1],
    ['100Mi', '0.1Gi', -1],
    ['.5', '500m', 0]
  ])('%s against %s: %d', (a, b, order) => {
    expect(compareQuantities(a, b)).toBe(order);
  });

  it('compares millicores with decimals exactly, every one of them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), milli => {
        const decimal = `0.${String(milli).padStart(3, '0')}`;
        expect(compareQuantities(`${milli}m`, decimal)).toBe(0);
        expect(compareQuantities(`${milli + 1}m`, decimal)).toBe(1);
      })
    );
  });

  it('knows whole numbers', () => {
    expect(['2', '1k', '2000m', '1e2'].map(isWholeQuantity)).toEqual([
      true,
      true,
      true,
      true
    ]);
    expect(['1.5', '500m', 'lots'].map(isWholeQuantity)).toEqual([
      false,
      false,
      false
    ]);
  });
});

describe('what Kubernetes refuses in resources', () => {
  const problems = (
    limits: Record<string, string>,
    requests: Record<string, string>
  ) => resourcesProblems(limits, requests).map(p => p.tag);

  it('takes requests up to their limits, and devices as whole limits', () => {
    expect(problems({ cpu: '0.7' }, { cpu: '700m' })).toEqual([]);
    expect(problems({ memory: '1Gi' }, { memory: '512Mi', cpu: '2' })).toEqual(
      []
    );
    expect(
      problems({ 'nvidia.com/gpu': '2' }, { 'nvidia.com/gpu': '2' })
    ).toEqual([]);
  });

  it('refuses a request above its limit, a fraction of a device, a device request without the same limit', () => {
    expect(problems({ cpu: '0.7' }, { cpu: '701m' })).toEqual([
      'request:cpu:701m'
    ]);
    expect(problems({ 'nvidia.com/gpu': '0.5' }, {})).toEqual([
      'limit:nvidia.com/gpu:0.5'
    ]);
    expect(problems({}, { 'nvidia.com/gpu': '1' })).toEqual([
      'request:nvidia.com/gpu:1'
    ]);
    expect(
      problems({ 'nvidia.com/gpu': '2' }, { 'nvidia.com/gpu': '1' })
    ).toEqual(['request:nvidia.com/gpu:1']);
  });
});
