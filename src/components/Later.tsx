import { startTransition, useEffect, useState, type ReactNode } from 'react';
import { afterFrames } from './after-frames';

/**
 * Mounts its children `order` frames after it mounts: a screen of several charts then builds up over a
 * few frames instead of in one long main-thread task (each Recharts chart costs tens of milliseconds).
 * A placeholder of the same height keeps the layout from jumping.
 */
export function Later({ order, height, children }: { order: number; height: number; children: ReactNode }) {
  const [ready, setReady] = useState(order <= 0);
  useEffect(() => {
    if (ready) return;
    // a transition: React renders the children in slices of a few ms, not in one task (a chart costs tens of ms)
    return afterFrames(order, () => startTransition(() => setReady(true)));
  }, [order, ready]);
  return ready ? <>{children}</> : <div className="chart-placeholder" style={{ minHeight: height }} aria-hidden="true" />;
}
