import { describe, it, expect } from 'vitest';
import { MT19937 } from './mt19937';
import { readFileSync } from 'node:fs';

// Expected values were printed by numpy 1.24.2 (/usr/bin/python3), e.g. for seed 42:
//   rs = np.random.RandomState(42); rs.get_state()[1][[0, 1, 2, 623]]
//   rs.randint(0, 2**32, size=5, dtype=np.uint32)   # rng == 0xFFFFFFFF: raw next_uint32 values
//   rs = np.random.RandomState(42); [rs.permutation(n) for n in (0, 1, 2, 10)]; rs.random_sample()
//   p = rs.permutation(1000); p[:8], sum((i+1)*p[i]) % 1000000007; rs.random_sample(); rs.random_sample()
// (and checked against a pure-Python MT19937 port started from the same state array).

interface SeedCase {
  seed: number;
  state: [number, number, number, number]; // key[0], key[1], key[2], key[623] after seeding
  raw: number[];
  perm10: number[];
  perm2: number[];
  rand: number;
  p1000Head: number[];
  p1000Hash: number;
  randAfter: [number, number];
}

const seeds: SeedCase[] = [
  { seed: 0, state: [0, 1, 1812433255, 1796872496],
    raw: [2357136044, 2546248239, 3071714933, 3626093760, 2588848963],
    perm2: [1, 0], perm10: [2, 8, 4, 9, 1, 6, 7, 3, 0, 5], rand: 0.4375872112626925,
    p1000Head: [921, 75, 608, 630, 380, 1, 239, 954], p1000Hash: 249198818,
    randAfter: [0.2745750488444898, 0.008689918369159555] },
  { seed: 1, state: [1, 1812433254, 3713160357, 2069268389],
    raw: [1791095845, 4282876139, 3093770124, 4005303368, 491263],
    perm2: [0, 1], perm10: [2, 3, 4, 9, 1, 6, 0, 7, 5, 8], rand: 0.39676747423066994,
    p1000Head: [267, 142, 837, 175, 481, 320, 578, 94], p1000Hash: 251088697,
    randAfter: [0.3456988211755023, 0.6749716048091052] },
  { seed: 42, state: [42, 3107752595, 1895908407, 26719530],
    raw: [1608637542, 3421126067, 4083286876, 787846414, 3143890026],
    perm2: [1, 0], perm10: [5, 0, 9, 6, 2, 1, 8, 4, 7, 3], rand: 0.8661761457749352,
    p1000Head: [753, 519, 210, 943, 915, 534, 810, 199], p1000Hash: 254034368,
    randAfter: [0.7602278598896866, 0.5956387406078443] },
  { seed: 123456, state: [123456, 848462657, 1590858151, 434406491],
    raw: [545331265, 2211535594, 4152021490, 3857419313, 1118735928],
    perm2: [0, 1], perm10: [8, 9, 4, 7, 5, 6, 3, 0, 1, 2], rand: 0.3398672255892685,
    p1000Head: [621, 306, 752, 930, 243, 29, 55, 914], p1000Hash: 253928160,
    randAfter: [0.03808699137187199, 0.10532186405086952] },
  { seed: 4294967295, state: [4294967295, 1340201581, 3941791902, 3413567280],
    raw: [419326371, 479346978, 3918654476, 2416749639, 3388880820],
    perm2: [0, 1], perm10: [3, 8, 5, 6, 1, 9, 0, 4, 7, 2], rand: 0.14611715599393837,
    p1000Head: [971, 28, 907, 901, 23, 762, 269, 828], p1000Hash: 249528908,
    randAfter: [0.03593415848254877, 0.8765078604527389] },
];

/** The state array is private: read it for the seeding test only. */
function stateOf(rng: MT19937): Uint32Array {
  return (rng as unknown as { key: Uint32Array }).key;
}

function weightedHash(p: Int32Array): number {
  let h = 0;
  for (let i = 0; i < p.length; i++) h = (h + (i + 1) * p[i]) % 1000000007;
  return h;
}

describe('MT19937 (numpy legacy RandomState)', () => {
  for (const c of seeds) {
    it(`seed ${c.seed}: init_genrand state and raw outputs`, () => {
      const rng = new MT19937(c.seed);
      const key = stateOf(rng);
      expect([key[0], key[1], key[2], key[623]]).toEqual(c.state);
      expect(Array.from({ length: 5 }, () => rng.nextUint32())).toEqual(c.raw);
    });

    it(`seed ${c.seed}: permutation(0, 1, 2, 10), random_sample, permutation(1000), random_sample x2`, () => {
      const rng = new MT19937(c.seed);
      expect(Array.from(rng.permutation(0))).toEqual([]);
      expect(Array.from(rng.permutation(1))).toEqual([0]);
      expect(Array.from(rng.permutation(2))).toEqual(c.perm2);
      expect(Array.from(rng.permutation(10))).toEqual(c.perm10);
      expect(rng.random()).toBe(c.rand);
      const p = rng.permutation(1000); // 999 draws or more: crosses a state regeneration
      expect(Array.from(p.subarray(0, 8))).toEqual(c.p1000Head);
      expect(weightedHash(p)).toBe(c.p1000Hash);
      expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
      expect([rng.random(), rng.random()]).toEqual(c.randAfter);
    });
  }

  it('raw stream across two regenerations (seed 42, 2000 draws)', () => {
    const rng = new MT19937(42);
    const v = Array.from({ length: 2000 }, () => rng.nextUint32());
    expect(v.slice(622, 627)).toEqual([336967606, 1077437785, 108880612, 791707097, 4134543476]);
    expect(v[1999]).toBe(2238969328);
    expect(v.reduce((s, x) => s + x, 0)).toBe(4277769182228);
    expect(v.every((x) => Number.isInteger(x) && x >= 0 && x <= 0xffffffff)).toBe(true);
  });

  it('randomInterval matches randint(0, max + 1) (masked rejection), seed 7', () => {
    // rs = RandomState(7); [rs.randint(0, m + 1, dtype=np.int64) for m in maxes[:-1]] + [rs.randint(0, 2**32, dtype=np.uint32)]
    const rng = new MT19937(7);
    const maxes = [1, 2, 3, 5, 100, 2 ** 31, 2 ** 32 - 1];
    expect(maxes.map((m) => rng.randomInterval(m))).toEqual([1, 0, 1, 3, 83, 1956722279, 4200432988]);
    expect(rng.randomInterval(0)).toBe(0);
  });

  it('shuffle matches RandomState(3).shuffle(np.arange(100, 110)) for typed and plain arrays', () => {
    const expected = [105, 104, 101, 102, 109, 106, 107, 100, 103, 108];
    const plain = Array.from({ length: 10 }, (_, i) => 100 + i);
    new MT19937(3).shuffle(plain);
    expect(plain).toEqual(expected);
    const typed = Int32Array.from({ length: 10 }, (_, i) => 100 + i);
    new MT19937(3).shuffle(typed);
    expect(Array.from(typed)).toEqual(expected);
  });

  it('random() is in [0, 1) and reproducible', () => {
    const a = new MT19937(99);
    const b = new MT19937(99);
    for (let i = 0; i < 1000; i++) {
      const x = a.random();
      expect(x).toBe(b.random());
      expect(x >= 0 && x < 1).toBe(true);
    }
  });

  it('rejects invalid seeds and bounds', () => {
    for (const s of [-1, 1.5, 2 ** 32, Number.NaN]) expect(() => new MT19937(s)).toThrow(RangeError);
    expect(() => new MT19937(0).randomInterval(2 ** 32)).toThrow(RangeError);
    expect(() => new MT19937(0).permutation(-1)).toThrow(RangeError);
  });
});

describe("randint: numpy's legacy bounded draw", () => {
  interface Case { seed: number; n: number; size: number; draws: number[] }
  // Made by ../__fixtures__/validation/make-randint-cases.py (numpy 1.24).
  const fixture = JSON.parse(readFileSync(new URL('../__fixtures__/validation/randint-cases.json', import.meta.url), 'utf8')) as {
    cases: Case[];
    chained: { seed: number; n: number; replicates: number[][] };
  };
  it.each(fixture.cases.map((c) => [`seed ${c.seed}, n ${c.n}`, c] as const))('RandomState(%s) matches numpy', (_, c) => {
    expect(Array.from(new MT19937(c.seed).randint(c.n, c.size))).toEqual(c.draws);
  });
  it('replicates drawn one after another from one generator, as the bootstrap draws them', () => {
    const rng = new MT19937(fixture.chained.seed);
    for (const replicate of fixture.chained.replicates) expect(Array.from(rng.randint(fixture.chained.n, fixture.chained.n))).toEqual(replicate);
  });
  it('refuses an empty range', () => {
    expect(() => new MT19937(1).randint(0, 3)).toThrow(RangeError);
  });
});
