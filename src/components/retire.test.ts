import { describe, expect, it } from 'vitest';
import { Retirer } from './retire';
import { fakeClock } from './fake-clock';

describe('Retirer', () => {
  it('takes the parts down one per frame from the next, the last registered first, and resolves when none is left', async () => {
    const { clock, paint } = fakeClock();
    const r = new Retirer(clock);
    const gone: string[] = [];
    for (const name of ['results', 'chart', 'inner']) r.register(() => gone.push(name));
    let resolved = false;
    const retired = r.retire().then(() => (resolved = true));
    expect(r.retiring).toBe(true);
    expect(gone).toEqual([]);
    paint();
    expect(gone).toEqual(['inner']);
    paint();
    expect(gone).toEqual(['inner', 'chart']);
    paint();
    expect(gone).toEqual(['inner', 'chart', 'results']);
    await Promise.resolve();
    expect(resolved).toBe(false);
    paint();
    await retired;
    expect(resolved).toBe(true);
    // parts wait until the retire is released, then mount
    const mounted: string[] = [];
    r.whenIdle(() => mounted.push('a'));
    expect(mounted).toEqual([]);
    r.release();
    expect(r.retiring).toBe(false);
    expect(mounted).toEqual(['a']);
    r.whenIdle(() => mounted.push('b'));
    expect(mounted).toEqual(['a', 'b']);
  });

  it('with nothing registered resolves after a frame; an unregistered part is not taken down; a waiting part can be cancelled', async () => {
    const { clock, paint } = fakeClock();
    const r = new Retirer(clock);
    const first = r.retire();
    paint();
    await first;
    r.release();
    let down = 0;
    const unregister = r.register(() => down++);
    unregister();
    const second = r.retire();
    paint();
    await second;
    expect(down).toBe(0);
    let mounted = 0;
    const cancel = r.whenIdle(() => mounted++);
    cancel();
    r.release();
    expect(mounted).toBe(0);
  });

  it('a release before the parts are all down stops there and resolves the retire', async () => {
    const { clock, paint } = fakeClock();
    const r = new Retirer(clock);
    let down = 0;
    for (let k = 0; k < 5; k++) r.register(() => down++);
    const retired = r.retire();
    paint();
    paint();
    expect(down).toBe(2);
    r.release();
    await retired;
    for (let k = 0; k < 5; k++) paint();
    expect(down).toBe(2);
  });
});
