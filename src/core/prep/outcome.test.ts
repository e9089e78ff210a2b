import { describe, expect, it } from 'vitest';
import { suggestPositiveClass } from './outcome';

describe('suggestPositiveClass', () => {
  it('prefers a conventional event label', () => {
    expect(suggestPositiveClass(['benign', 'malignant'], [357, 212])).toBe('malignant');
    expect(suggestPositiveClass(['neg', 'pos'], [500, 268])).toBe('pos');
    expect(suggestPositiveClass(['0', '1'], [10, 90])).toBe('1');
    expect(suggestPositiveClass(['否', '是'], [5, 5])).toBe('是');
  });

  it('otherwise picks the value that is not a conventional negative', () => {
    expect(suggestPositiveClass(['正常', '糖尿病'], [20, 40])).toBe('糖尿病');
    expect(suggestPositiveClass(['normal', 'stroke'], [10, 90])).toBe('stroke');
  });

  it('otherwise picks the rarer value', () => {
    expect(suggestPositiveClass(['A', 'B'], [30, 12])).toBe('B');
    expect(suggestPositiveClass([], [])).toBeUndefined();
  });
});
