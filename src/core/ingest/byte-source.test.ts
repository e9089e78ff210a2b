import { describe, expect, it } from 'vitest';
import { blobSource } from './byte-source';
import { readTable } from './read-table';

/** A Blob that counts the slices it is asked for. */
function countingBlob(bytes: Uint8Array<ArrayBuffer>) {
  const blob = new Blob([bytes]);
  const slices: [number, number][] = [];
  const slice = blob.slice.bind(blob);
  blob.slice = (start?: number, end?: number) => {
    slices.push([start ?? 0, end ?? bytes.length]);
    return slice(start, end);
  };
  return { blob, slices };
}

describe('blobSource', () => {
  const bytes = Uint8Array.from({ length: 1000 }, (_, k) => k % 251);

  it('reads the chunk asked for, in order or not, and reads the next chunk of the same length ahead', async () => {
    const { blob, slices } = countingBlob(bytes);
    const src = blobSource(blob);
    expect(src.size).toBe(1000);
    expect([...(await src.read(0, 300))]).toEqual([...bytes.subarray(0, 300)]);
    expect(slices).toEqual([[0, 300], [300, 600]]);
    // the chunk read ahead: no new read of it, and the one after it is read ahead
    expect([...(await src.read(300, 600))]).toEqual([...bytes.subarray(300, 600)]);
    expect(slices).toEqual([[0, 300], [300, 600], [600, 900]]);
    // something else than the chunk ahead: read as asked
    expect([...(await src.read(100, 150))]).toEqual([...bytes.subarray(100, 150)]);
    expect([...(await src.read(900, 1000))]).toEqual([...bytes.subarray(900, 1000)]);
    expect(slices.at(-1)).toEqual([900, 1000]);
  });

  it('gives readTable the same table as the whole file at once, for any chunk size', async () => {
    const text = ['a,b,c', ...Array.from({ length: 500 }, (_, k) => `${k},${(k * 0.37).toFixed(2)},${k % 3 === 0 ? 'x' : 'y'}`)].join('\n');
    const data = new TextEncoder().encode(text);
    const whole = await readTable(blobSource(new Blob([data])));
    for (const chunkBytes of [7, 64, 1000, 1 << 20]) {
      const chunked = await readTable(blobSource(new Blob([data])), undefined, { chunkBytes });
      expect(chunked.ok && whole.ok).toBe(true);
      if (!chunked.ok || !whole.ok) continue;
      expect(chunked.value.table.rowCount).toBe(500);
      expect(chunked.value.table.columns.map((c) => c.name)).toEqual(whole.value.table.columns.map((c) => c.name));
      expect(JSON.stringify(chunked.value.table.columns)).toEqual(JSON.stringify(whole.value.table.columns));
    }
  });
});
