/** A ByteSource over a file on disk: each `read` is one positioned read into a fresh buffer, as `Blob.slice` is in the browser. */
import { open } from 'node:fs/promises';
import type { ByteSource } from '../src/core/ingest/byte-source';

export interface FileSource extends ByteSource {
  close(): Promise<void>;
}

export async function fileSource(path: string): Promise<FileSource> {
  const handle = await open(path, 'r');
  const { size } = await handle.stat();
  return {
    size,
    async read(start: number, end: number): Promise<Uint8Array> {
      const want = Math.max(0, Math.min(end, size) - start);
      const buf = new Uint8Array(want);
      let got = 0;
      while (got < want) {
        const { bytesRead } = await handle.read(buf, got, want - got, start + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      return got === want ? buf : buf.subarray(0, got);
    },
    close: () => handle.close(),
  };
}
