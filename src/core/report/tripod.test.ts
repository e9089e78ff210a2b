import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { TRIPOD_AI_ITEMS, TRIPOD_AI_ITEM_NUMBERS } from './tripod';
import { AUTHOR_FIELDS } from './description';

const en = JSON.parse(readFileSync(new URL('../../i18n/en.json', import.meta.url), 'utf8')) as { tripod: Record<string, string>; report: { sections: Record<string, string> } };
const zh = JSON.parse(readFileSync(new URL('../../i18n/zh-CN.json', import.meta.url), 'utf8')) as typeof en;

describe('the TRIPOD+AI appendix', () => {
  it('lists every item of the checklist, 1 to 27, each part once, in order', () => {
    const numbers = TRIPOD_AI_ITEMS.map((i) => i.id.replace(/[a-z]$/, ''));
    expect([...new Set(numbers)]).toEqual(TRIPOD_AI_ITEM_NUMBERS);
    expect(new Set(TRIPOD_AI_ITEMS.map((i) => i.id)).size).toBe(TRIPOD_AI_ITEMS.length);
    // the items with parts in the 2024 checklist
    const parts = (n: string) => TRIPOD_AI_ITEMS.filter((i) => i.id.replace(/[a-z]$/, '') === n).map((i) => i.id);
    expect(parts('3')).toEqual(['3a', '3b', '3c']);
    expect(parts('12')).toEqual(['12a', '12b', '12c', '12d', '12e', '12f', '12g']);
    expect(parts('18')).toEqual(['18a', '18b', '18c', '18d', '18e', '18f']);
    expect(parts('27')).toEqual(['27a', '27b', '27c']);
    expect(TRIPOD_AI_ITEMS).toHaveLength(52);
  });

  it('points every item somewhere: a section of the report, an author field, or the author', () => {
    for (const item of TRIPOD_AI_ITEMS) {
      const w = item.where;
      expect(w.section !== undefined || w.field !== undefined || w.author === true, item.id).toBe(true);
      if (w.field) expect(AUTHOR_FIELDS).toContain(w.field);
      if (w.section) {
        expect(en.report.sections[w.section], `${item.id} → ${w.section}`).toBeTruthy();
        expect(zh.report.sections[w.section], `${item.id} → ${w.section}`).toBeTruthy();
      }
    }
    // every author field answers some item
    for (const f of AUTHOR_FIELDS) expect(TRIPOD_AI_ITEMS.some((i) => i.where.field === f), f).toBe(true);
  });

  it("has each item's topic in English and Chinese", () => {
    for (const item of TRIPOD_AI_ITEMS) {
      expect(en.tripod[item.id], item.id).toBeTruthy();
      expect(zh.tripod[item.id], item.id).toBeTruthy();
    }
  });
});
