import { startTransition, useContext, useEffect, useState, type ReactNode } from 'react';
import { afterFrames } from './after-frames';
import { RetireContext } from './retire';

/**
 * Mounts its children `order` frames after it mounts: a screen of several charts then builds up over a
 * few frames instead of in one long main-thread task (each Recharts chart costs tens of milliseconds).
 * A placeholder of the same height keeps the layout from jumping.
 *
 * Inside a `RetireContext`, a mounted part registers with the retirer, which may take it down (back to the
 * placeholder) a part per frame before the screen is replaced; it mounts again `order` frames after the
 * retire ends.
 */
export function Later({ order, height, children }: { order: number; height: number; children: ReactNode }) {
  const retirer = useContext(RetireContext);
  const [ready, setReady] = useState(order <= 0 && !retirer?.retiring);
  useEffect(() => {
    if (ready) return retirer?.register(() => setReady(false));
    // after `order` frames, and not while the screen is being retired (then `order` frames after that ends)
    let cancel = () => {};
    const wait = () => {
      cancel = afterFrames(order, () => {
        if (retirer?.retiring) cancel = retirer.whenIdle(wait);
        // a transition: React renders the children in slices of a few ms, not in one task (a chart costs tens of ms)
        else startTransition(() => setReady(true));
      });
    };
    if (retirer?.retiring) cancel = retirer.whenIdle(wait);
    else wait();
    return () => cancel();
  }, [order, ready, retirer]);
  return ready ? <>{children}</> : <div className="chart-placeholder" style={{ minHeight: height }} aria-hidden="true" />;
}
