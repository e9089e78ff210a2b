/** Random access to a file's bytes, read in chunks: a browser `Blob`/`File`, or bytes in memory (tests, benchmark). */
export interface ByteSource {
  size: number;
  read(start: number, end: number): Promise<Uint8Array>;
}

/**
 * A Blob (a File the user chose) read in chunks, one chunk ahead: when a chunk is asked for, the next one of the
 * same length is read too, while the caller parses this one (the browser reads a Blob's bytes off the worker's
 * thread). A request for anything else than the chunk read ahead is read as asked, and the chunk ahead is dropped.
 * At most one chunk more than asked is in memory.
 */
export function blobSource(blob: Blob): ByteSource {
  const fetch = (start: number, end: number) => blob.slice(start, end).arrayBuffer().then((b) => new Uint8Array(b));
  let ahead: { start: number; end: number; bytes: Promise<Uint8Array> } | null = null;
  return {
    size: blob.size,
    read: (start, end) => {
      const bytes = ahead && ahead.start === start && ahead.end === end ? ahead.bytes : fetch(start, end);
      ahead = null;
      const length = end - start;
      if (length > 0 && end < blob.size) {
        const next = { start: end, end: Math.min(blob.size, end + length), bytes: fetch(end, Math.min(blob.size, end + length)) };
        // a chunk read ahead and never asked for must not report its failure as unhandled
        next.bytes.catch(() => undefined);
        ahead = next;
      }
      return bytes;
    },
  };
}

export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: (start, end) => Promise.resolve(bytes.subarray(start, Math.min(end, bytes.length))),
  };
}

export function textSource(text: string): ByteSource {
  return bytesSource(new TextEncoder().encode(text));
}
