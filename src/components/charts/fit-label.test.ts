import { describe, expect, it } from 'vitest';
import { fitLabel, wrapLabel } from './fit-label';

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

describe('wrapLabel', () => {
  it('keeps a label that fits on one line', () => {
    expect(wrapLabel('Linear SVM', 188, 14, 2)).toEqual(['Linear SVM']);
  });

  it('breaks a long name at a space, every line within the width', () => {
    // "Logistic regression by gradient descent": 39 characters at 14 px ≈ 306 px
    const lines = wrapLabel('Logistic regression by gradient descent', 188, 14, 2);
    expect(lines).toEqual(['Logistic regression by', 'gradient descent']);
    for (const l of lines) expect(l.length * 0.56 * 14).toBeLessThanOrEqual(188);
  });

  it('cuts what does not fit on the last line with an ellipsis', () => {
    const lines = wrapLabel('Logistic regression fitted by stochastic gradient descent with momentum', 188, 14, 2);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('Logistic regression');
    expect(lines[1].endsWith('…')).toBe(true);
  });

  it('breaks Chinese between characters', () => {
    // 16 characters at 14 px = 224 px: two lines of at most 13
    const lines = wrapLabel('逻辑回归梯度下降法训练的模型名称', 188, 14, 2);
    expect(lines).toHaveLength(2);
    expect(lines.join('')).toBe('逻辑回归梯度下降法训练的模型名称');
    for (const l of lines) expect(Array.from(l).length * 14).toBeLessThanOrEqual(188);
  });

  it('with one line allowed, is fitLabel', () => {
    expect(wrapLabel('worst concave points', 70, 12, 1)).toEqual([fitLabel('worst concave points', 70, 12)]);
  });
});
