import { describe, expect, it } from 'vitest';
import { formatOddsRatio, formatPercentChange } from './format';

describe('odds ratios read differently from 1 where they differ', () => {
  it.each([
    [1.0022, '1.0022'],
    [1.00022, '1.00022'],
    [0.9978, '0.9978'],
    [0.99978, '0.99978'],
    [1.05, '1.050'],
    [0.95, '0.950'],
    [1.0999, '1.100'],
    [1, '1.000'],
    [2.345678, '2.35'],
    [0.5, '0.5'],
    [12.34, '12.3'],
    [1 + 1e-12, '1.00000000'],
  ])('%d → %s', (value, text) => {
    expect(formatOddsRatio(value)).toBe(text);
  });

  it('never shows a value that differs from 1 by 1e-4 or more as "1"', () => {
    for (let k = -4; k <= -1; k += 0.01) {
      for (const v of [1 + 10 ** k, 1 - 10 ** k]) expect(Number(formatOddsRatio(v))).not.toBe(1);
    }
  });

  it('has no number for what is not one', () => {
    for (const v of [NaN, Infinity, 0, -1]) expect(formatOddsRatio(v)).toBe('–');
  });
});

describe('risk differences carry their sign', () => {
  it.each([
    [0.1234, '+12.3%'],
    [-0.04, '−4.0%'],
    [0.00004, '0.0%'],
    [-0.00004, '0.0%'],
    [NaN, '–'],
  ])('%d → %s', (value, text) => {
    expect(formatPercentChange(value)).toBe(text);
  });
});
