import { describe, expect, it } from 'vitest';
import { readTable } from '../ingest/read-table';
import { textSource } from '../ingest/byte-source';
import { cellText } from './column';
import { tableFromBytes, tableToBytes } from './table-bytes';

describe('table bytes', () => {
  it('round-trips every cell, type, dictionary and the extra data', async () => {
    const csv = 'age,sex,__proto__,note,score\n50,F,1,"a, b",0.5\n,M,2,NA,\n61,F,3,中文,1e-300\n';
    const r = await readTable(textSource(csv));
    if (!r.ok) throw new Error(r.error.code);
    const t = r.value.table;
    const back = tableFromBytes(tableToBytes(t, { setup: { seed: 7 }, name: '病历.csv' }));
    expect(back.extra).toEqual({ setup: { seed: 7 }, name: '病历.csv' });
    expect(back.table.rowCount).toBe(t.rowCount);
    expect(back.table.columns.map((c) => [c.name, c.type, c.storage])).toEqual(t.columns.map((c) => [c.name, c.type, c.storage]));
    for (let j = 0; j < t.columns.length; j++) {
      for (let i = 0; i < t.rowCount; i++) expect(cellText(back.table.columns[j], i)).toBe(cellText(t.columns[j], i));
    }
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});
