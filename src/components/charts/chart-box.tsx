import { cloneElement, startTransition, useEffect, useRef, useState, type ReactElement } from 'react';
import { chartQueue } from './chart-queue';
import { afterFrames } from '../after-frames';

/** The props ChartBox sets on its chart: its size, and (for the first half of a first drawing) its data. */
type ChartProps = { width?: number; height?: number; data?: readonly unknown[] };

/**
 * A chart's drawing area: as wide as its container on the screen, or a fixed size where the chart must
 * lay out at once and the same everywhere (the printable report, which is saved as HTML right after it
 * renders). The same chart component serves both: there is no second drawing of any chart.
 */
export function ChartBox({ width, height, children }: { width?: number; height: number; children: ReactElement<ChartProps> }) {
  if (width !== undefined) return cloneElement(children, { width, height });
  return <MeasuredBox height={height}>{children}</MeasuredBox>;
}

/** A chart's first half: the frame, its axes and grid, with no series yet. */
const NO_DATA: readonly unknown[] = [];

/**
 * As wide as its container, as Recharts' ResponsiveContainer is, but the chart is drawn in a transition.
 * ResponsiveContainer measures its box in an effect and then draws the whole chart in an ordinary update,
 * which React renders and commits in one task: 30–60 ms per chart on a 2-core machine. Here the width is
 * set in a transition, so React renders the chart in slices of a few milliseconds and only its commit is
 * one task; and the charts measured together are drawn one after the other (chart-queue.ts).
 *
 * That commit is still the chart's largest task: Recharts registers its axes and series from layout effects
 * and draws the whole chart a second time, synchronously, in the same task. So a chart with data is drawn
 * the first time in two halves, a painted frame apart: first with no data (the registration, the axes, the
 * grid, the labels), then with its data (the series). Each half is about half the task.
 */
function MeasuredBox({ height, children }: { height: number; children: ReactElement<ChartProps> }) {
  const box = useRef<HTMLDivElement>(null);
  // the width drawn, and whether the data are drawn yet (they are from the second half of the first drawing on)
  const [drawn, setDrawn] = useState({ width: 0, full: children.props.data === undefined });
  const shown = useRef(0); // the width committed last
  const drawing = useRef<(() => void) | null>(null); // the queue's `done` while this chart's new width is drawn
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let withdraw: (() => void) | null = null;
    const apply = (w: number) => {
      const rounded = Math.round(w);
      withdraw?.();
      // one chart at a time, a frame apart (chart-queue.ts): several charts measured in one frame are not one commit
      withdraw = chartQueue.enqueue((done) => {
        if (rounded === shown.current) return done();
        drawing.current = done;
        startTransition(() => setDrawn((d) => ({ ...d, width: rounded })));
      });
    };
    // without a ResizeObserver (old browsers, tests): measured once, which forces a layout here
    if (typeof ResizeObserver === 'undefined') {
      apply(el.getBoundingClientRect().width);
      return () => withdraw?.();
    }
    // the observer reports the first width after the next layout: no layout forced from this effect
    const observer = new ResizeObserver((entries) => {
      if (entries[0]) apply(entries[0].contentRect.width);
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      withdraw?.();
    };
  }, []);
  // after the commit that drew the new width: the data a painted frame later if they are not drawn yet, then
  // the next chart may go
  useEffect(() => {
    shown.current = drawn.width;
    if (drawn.width > 0 && !drawn.full) return afterFrames(1, () => startTransition(() => setDrawn((d) => ({ ...d, full: true }))));
    const done = drawing.current;
    drawing.current = null;
    done?.();
  }, [drawn]);
  const { width, full } = drawn;
  return (
    // busy until the chart is drawn whole (the screenshots of the e2e suite wait for that)
    <div className="chart-box" ref={box} style={{ width: '100%', height }} aria-busy={width === 0 || !full ? true : undefined}>
      {/* no width of its own: the chart's fixed width never widens the box it is measured from */}
      <div style={{ width: 0, overflowX: 'visible' }}>{width > 0 && cloneElement(children, full ? { width, height } : { width, height, data: NO_DATA })}</div>
    </div>
  );
}
