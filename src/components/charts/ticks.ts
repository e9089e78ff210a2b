/** The round step (1, 2, 2.5 or 5 × a power of ten) closest above `raw`. */
export function niceStep(raw: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw * (1 - 1e-12)) ?? 10 * magnitude;
}

/**
 * Round tick values inside [lo, hi], at most `count` + 1 of them, a round step apart. With `clearLeft`
 * (a share of the range), none falls that close to the left end, where a label centred on it would run
 * into the y axis' bottom label.
 */
export function ticksWithin(lo: number, hi: number, count = 5, clearLeft = 0): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi < lo) return [];
  if (hi === lo) return [lo];
  const step = niceStep((hi - lo) / count);
  const out: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi * (1 + 1e-12) + 1e-12; k++) {
    const v = Number((k * step).toPrecision(12));
    if (v >= lo && v <= hi && v - lo >= clearLeft * (hi - lo)) out.push(v);
  }
  return out;
}

/** Round, symmetric axis ticks around 0 (…, −1, −0.5, 0, 0.5, 1, …) covering ±extent. */
export function symmetricTicks(extent: number): { limit: number; ticks: number[] } {
  const step = niceStep(extent / 2);
  const count = Math.ceil(extent / step - 1e-9);
  const ticks: number[] = [];
  for (let k = -count; k <= count; k++) ticks.push(Number((k * step).toPrecision(12)));
  return { limit: count * step, ticks };
}

/**
 * An axis range widened to round values around [lo, hi], with its ticks a round step apart (about `count`
 * steps): 0.45–0.63 becomes 0.45–0.65 by 0.05, where Recharts' own 'auto' gave 0.45, 0.495, 0.54….
 */
export function niceDomain(lo: number, hi: number, count = 5): { domain: [number, number]; ticks: number[] } {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi < lo) return { domain: [0, 1], ticks: [0, 0.5, 1] };
  if (hi === lo) {
    const pad = Math.abs(lo) * 0.1 || 1;
    return niceDomain(lo - pad, hi + pad, count);
  }
  const step = niceStep((hi - lo) / count);
  const first = Math.floor(lo / step + 1e-9);
  const last = Math.ceil(hi / step - 1e-9);
  const ticks: number[] = [];
  for (let k = first; k <= last; k++) ticks.push(Number((k * step).toPrecision(12)));
  return { domain: [ticks[0], ticks[ticks.length - 1]], ticks };
}

/**
 * Ticks of a log axis covering [lo, hi] (lo > 0): 1, 2 and 5 times powers of ten, thinned to powers of
 * ten when more than `max` would be drawn, always with 1 when it is inside. The domain is widened to the
 * ticks just outside [lo, hi].
 */
export function logTicks(lo: number, hi: number, max = 7): { domain: [number, number]; ticks: number[] } {
  if (!(lo > 0) || !(hi >= lo) || !Number.isFinite(hi)) return { domain: [0.5, 2], ticks: [0.5, 1, 2] };
  const all: number[] = [];
  for (let e = Math.floor(Math.log10(lo)) - 1; e <= Math.ceil(Math.log10(hi)) + 1; e++) {
    for (const m of [1, 2, 5]) all.push(Number((m * 10 ** e).toPrecision(6)));
  }
  const below = all.filter((v) => v <= lo * (1 + 1e-12)).pop() ?? lo;
  const above = all.find((v) => v >= hi * (1 - 1e-12)) ?? hi;
  let ticks = all.filter((v) => v >= below && v <= above);
  if (ticks.length > max) {
    // powers of ten only, every k-th of them (k so that at most `max` remain), always with 10⁰ = 1
    const lowE = Math.floor(Math.log10(below) + 1e-9);
    const highE = Math.ceil(Math.log10(above) - 1e-9);
    const k = Math.max(1, Math.ceil((highE - lowE + 1) / max));
    const first = Math.floor(lowE / k) * k;
    ticks = [];
    for (let e = first; e < highE + k; e += k) ticks.push(Number((10 ** e).toPrecision(6)));
  }
  return { domain: [ticks[0], ticks[ticks.length - 1]], ticks };
}
