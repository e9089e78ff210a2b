/**
 * Memory measurement for one phase: the kernel's exact RSS high-water mark (VmHWM, reset per phase by
 * writing 5 to /proc/self/clear_refs), and process.memoryUsage() sampled every 10 ms by a timer and at
 * every checkpoint the phase reaches (timers cannot fire inside synchronous code, so heap figures are a
 * sampled lower bound; the RSS peak is not sampled).
 */
import { readFileSync, writeFileSync } from 'node:fs';

export interface MemoryPeak {
  /** Peak resident set size of the whole process during the phase (bytes). */
  peakRss: number;
  /** Whether peakRss is the kernel's high-water mark (true) or only sampled (false). */
  exactRss: boolean;
  /** Sampled peaks (bytes): V8 heap in use, and ArrayBuffer memory (where typed arrays live). */
  peakHeapUsed: number;
  peakArrayBuffers: number;
  /** RSS at the end of the phase. */
  rssAfter: number;
}

const gcFn = (globalThis as { gc?: () => void }).gc;
export const hasGc = typeof gcFn === 'function';

/** Full garbage collection when node runs with --expose-gc (twice: the second pass frees what finalizers released). */
export function collect(): void {
  if (gcFn) {
    gcFn();
    gcFn();
  }
}

function resetHighWater(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

function highWater(): number | null {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export class MemoryMeter {
  private rss = 0;
  private heap = 0;
  private buffers = 0;
  private exact = false;
  private timer: ReturnType<typeof setInterval> | null = null;

  start(): void {
    this.rss = 0;
    this.heap = 0;
    this.buffers = 0;
    this.exact = resetHighWater() && highWater() !== null;
    this.sample();
    this.timer = setInterval(() => this.sample(), 10);
  }

  sample(): void {
    const m = process.memoryUsage();
    if (m.rss > this.rss) this.rss = m.rss;
    if (m.heapUsed > this.heap) this.heap = m.heapUsed;
    if (m.arrayBuffers > this.buffers) this.buffers = m.arrayBuffers;
  }

  stop(): MemoryPeak {
    this.sample();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const hwm = this.exact ? highWater() : null;
    return {
      peakRss: hwm !== null ? Math.max(hwm, this.rss) : this.rss,
      exactRss: hwm !== null,
      peakHeapUsed: this.heap,
      peakArrayBuffers: this.buffers,
      rssAfter: process.memoryUsage().rss,
    };
  }
}
