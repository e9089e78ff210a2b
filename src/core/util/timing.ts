/** User-timing marks and measures of the app's tasks, named "cmlw:…": DevTools shows them, the benchmark's journey reads them. */

/**
 * A user-timing mark named "cmlw:<name>" (DevTools shows them; the benchmark reads them to split a task's time
 * into its stages). The last few hundred are kept: a long session does not grow the timeline without bound.
 */
export function timingMark(name: string): void {
  if (typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
  if (++marks > 500) {
    performance.clearMarks();
    performance.clearMeasures();
    marks = 0;
  }
  performance.mark(`cmlw:${name}`);
}
let marks = 0;

/** A user-timing measure "cmlw:<name>" of `ms` milliseconds ending now (time spent in pieces, e.g. waiting for a file's bytes). */
export function timingMeasure(name: string, ms: number): void {
  if (typeof performance === 'undefined' || typeof performance.measure !== 'function') return;
  const end = performance.now();
  performance.measure(`cmlw:${name}`, { start: Math.max(0, end - ms), end });
}
