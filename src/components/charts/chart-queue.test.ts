import { describe, expect, it } from 'vitest';
import { ChartQueue } from './chart-queue';
import { fakeClock } from '../fake-clock';

describe('ChartQueue', () => {
  it('draws one chart at a time: the next after the previous says it is on screen and a frame is painted', () => {
    const { clock, paint } = fakeClock();
    const q = new ChartQueue(clock);
    const drawn: string[] = [];
    const dones: Record<string, () => void> = {};
    for (const name of ['roc', 'pr', 'calibration']) q.enqueue((done) => (drawn.push(name), (dones[name] = done)));
    expect(drawn).toEqual(['roc']); // the first at once
    paint();
    expect(drawn).toEqual(['roc']); // not before roc is done
    dones.roc();
    expect(drawn).toEqual(['roc']); // nor in the same frame
    paint();
    expect(drawn).toEqual(['roc', 'pr']);
    dones.pr();
    dones.pr(); // a second call changes nothing
    paint();
    expect(drawn).toEqual(['roc', 'pr', 'calibration']);
  });

  it('lets a withdrawn request go unseen, and a withdrawn drawing end its turn', () => {
    const { clock, paint } = fakeClock();
    const q = new ChartQueue(clock);
    const drawn: string[] = [];
    const stopA = q.enqueue(() => drawn.push('a'));
    const stopB = q.enqueue(() => drawn.push('b'));
    q.enqueue(() => drawn.push('c'));
    stopB(); // still waiting: never drawn
    stopA(); // drawing: its turn ends
    paint();
    expect(drawn).toEqual(['a', 'c']);
  });

  it('moves on after the timeout when a chart never says it is done (a transition React dropped)', () => {
    const { clock, paint } = fakeClock();
    const q = new ChartQueue(clock, 100);
    const drawn: string[] = [];
    q.enqueue(() => drawn.push('stuck'));
    q.enqueue(() => drawn.push('next'));
    for (let k = 0; k < 5; k++) paint(); // 80 ms
    expect(drawn).toEqual(['stuck']);
    for (let k = 0; k < 3; k++) paint(); // past 100 ms, then a frame
    expect(drawn).toEqual(['stuck', 'next']);
  });
});
