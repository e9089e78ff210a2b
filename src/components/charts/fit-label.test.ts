import { describe, expect, it } from 'vitest';
import { fitLabel } from './fit-label';

describe('fitLabel', () => {
  it('keeps a label that fits and cuts a long one with an ellipsis', () => {
    // 20 Latin characters at 12 px ≈ 134 px
    expect(fitLabel('worst concave points', 140, 12)).toBe('worst concave points');
    const cut = fitLabel('worst concave points', 70, 12);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length).toBeLessThan(12);
    expect('worst concave points'.startsWith(cut.slice(0, -1))).toBe(true);
  });

  it('counts Chinese characters as full width', () => {
    // 8 characters at 12 px = 96 px: fits in 100, not in 60
    expect(fitLabel('收缩压毫米汞柱值', 100, 12)).toBe('收缩压毫米汞柱值');
    expect(fitLabel('收缩压毫米汞柱数值', 60, 12)).toMatch(/^收缩压.*…$/);
  });

  it('keeps at least one character', () => {
    expect(fitLabel('abc', 1, 12)).toBe('a…');
  });
});
