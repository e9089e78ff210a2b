import { startTransition, useEffect, useState } from 'react';
import { afterFrames } from './after-frames';

/**
 * How many of `total` rows to render: `first` at once, then `step` more after each painted frame (in a
 * transition), until all are there. A table of a few hundred rows then lays out over a few frames instead of
 * in one long task; a table of up to `first` rows renders as before, all at once.
 */
export function useGrowing(total: number, first = 60, step = 60): number {
  const [shown, setShown] = useState(() => Math.min(total, first));
  useEffect(() => {
    if (shown >= total) return;
    return afterFrames(1, () => startTransition(() => setShown((n) => Math.min(total, n + step))));
  }, [shown, total, step]);
  return Math.min(shown, total);
}
