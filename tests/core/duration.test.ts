/**
 * core/duration: the one formatter and the one parser of durations. Examples, then properties
 * (fast-check, seeded by tests/support/fast-check-seed.js): the formatter never writes 60 of a
 * unit, its short form reads back through the parser to within the precision it shows, and the
 * parser adds up exactly the parts it is given and refuses anything else.
 */
import fc from 'fast-check';
import {
  DURATION_UNITS,
  formatDuration,
  parseDuration
} from '../../src/core/duration';

describe('formatDuration', () => {
  it.each([
    [0, '0.0s', '0.0 s'],
    [0.25, '0.3s', '0.3 s'],
    [9.94, '9.9s', '9.9 s'],
    [9.97, '10s', '10 s'],
    [12.4, '12s', '12 s'],
    [59.4, '59s', '59 s'],
    [59.9, '1m00s', '1 min 00 s'],
    [61, '1m01s', '1 min 01 s'],
    [119.6, '2m00s', '2 min 00 s'],
    [185, '3m05s', '3 min 05 s'],
    [3599.6, '1h00m', '1 h 00 min'],
    [3725, '1h02m', '1 h 02 min'],
    [7170, '2h00m', '2 h 00 min'],
    [7_440, '2h04m', '2 h 04 min'],
    [100 * 3600, '100h00m', '100 h 00 min'],
    [-3, '0.0s', '0.0 s'],
    [NaN, '–', '–'],
    [Infinity, '–', '–']
  ])('%d s reads %s and %s', (seconds, short, long) => {
    expect(formatDuration(seconds)).toBe(short);
    expect(formatDuration(seconds, 'short')).toBe(short);
    expect(formatDuration(seconds, 'long')).toBe(long);
  });

  const seconds = fc.oneof(
    fc.double({ min: 0, max: 1e7, noNaN: true }),
    // around each boundary, where rounding could carry into the next unit
    fc
      .tuple(
        fc.constantFrom(10, 60, 3600, 7200, 86_400),
        fc.double({ min: -1, max: 1, noNaN: true })
      )
      .map(([at, d]) => Math.max(0, at + d))
  );
  const SHORT = /^(\d\.\d)s$|^(\d+)s$|^(\d+)m(\d\d)s$|^(\d+)h(\d\d)m$/;

  it('never writes 60 seconds or 60 minutes, nor a tenth from 10 s up', () => {
    fc.assert(
      fc.property(seconds, s => {
        const m = SHORT.exec(formatDuration(s));
        expect(m).not.toBeNull();
        const [, tenths, whole, min, sec, hours, min2] = m!;
        if (whole !== undefined) {
          expect(Number(whole)).toBeGreaterThanOrEqual(10);
          expect(Number(whole)).toBeLessThan(60);
        }
        if (min !== undefined) {
          expect(Number(min)).toBeGreaterThanOrEqual(1);
          expect(Number(min)).toBeLessThan(60);
          expect(Number(sec)).toBeLessThan(60);
        }
        if (hours !== undefined) {
          expect(Number(hours)).toBeGreaterThanOrEqual(1);
          expect(Number(min2)).toBeLessThan(60);
        }
        if (tenths !== undefined) {
          expect(Number(tenths)).toBeLessThan(10);
        }
      })
    );
  });

  it('reads back through parseDuration to within half the precision shown', () => {
    fc.assert(
      fc.property(seconds, s => {
        const text = formatDuration(s);
        const back = parseDuration(text);
        expect(back).not.toBeNull();
        const precision = text.includes('.')
          ? 0.1
          : text.includes('h')
            ? 60
            : 1;
        expect(Math.abs(back! - s)).toBeLessThanOrEqual(precision / 2 + 1e-6);
      })
    );
  });

  it('keeps the order of durations', () => {
    fc.assert(
      fc.property(seconds, seconds, (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(parseDuration(formatDuration(lo))!).toBeLessThanOrEqual(
          parseDuration(formatDuration(hi))!
        );
      })
    );
  });

  it('writes the same numbers in both styles', () => {
    fc.assert(
      fc.property(seconds, s => {
        const numbers = (t: string) => t.match(/[\d.]+/g);
        expect(numbers(formatDuration(s, 'long'))).toEqual(
          numbers(formatDuration(s, 'short'))
        );
      })
    );
  });
});

describe('parseDuration', () => {
  it.each([
    ['90', 90],
    ['0', 0],
    ['30s', 30],
    ['10m', 600],
    ['1.5h', 5400],
    ['1h30m', 5400],
    ['1d', 86_400],
    ['2w', 1_209_600],
    [' 7d ', 604_800],
    ['4.1m', 246],
    ['2.2h', 7920],
    ['0.7d', 60_480],
    ['0.5s', 0.5]
  ])('%j is %d s', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each([
    '',
    's',
    '1.5',
    '-1s',
    '1x',
    '1 h',
    '1h 30m',
    '7 days',
    '.5h',
    '1.h',
    '1e3s',
    '1H'
  ])('%j is not a duration', text => {
    expect(parseDuration(text)).toBeNull();
  });

  const part = fc.tuple(
    fc.nat({ max: 10_000 }),
    fc.constantFrom(...Object.keys(DURATION_UNITS))
  );

  it('adds up any sequence of whole amounts with units', () => {
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 6 }), parts => {
        const text = parts.map(([n, u]) => `${n}${u}`).join('');
        const sum = parts.reduce((t, [n, u]) => t + n * DURATION_UNITS[u], 0);
        expect(parseDuration(text)).toBe(sum);
      })
    );
  });

  it('refuses any text outside the rules', () => {
    const rule = /^\s*(\d+|(\d+(\.\d+)?[smhdw])+)\s*$/;
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(...'0123456789.smhdwx -'.split(''))
        }),
        text => {
          expect(parseDuration(text) === null).toBe(!rule.test(text));
        }
      )
    );
  });
});
