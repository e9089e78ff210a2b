/**
 * The nomogram of a logistic model, as rms::nomogram (rms 6.5) draws it, and a points table to add up
 * by hand.
 *
 * The model: log-odds η = b₀ + Σⱼ βⱼ·xⱼ in the columns' own units (a category: one β per level, 0 for
 * its reference). Each predictor gets an axis of values vⱼₖ (see `axisValues`) and its contribution
 * cⱼₖ = βⱼ·vⱼₖ at each. With Lⱼ = minₖ cⱼₖ and Uⱼ = maxₖ cⱼₖ:
 *
 *   sc = 100 / maxⱼ (Uⱼ − Lⱼ)                 points per unit of log-odds: the predictor whose contribution
 *                                            spans the widest range over its axis gets 0 to 100 points
 *   pointsⱼ(v) = (βⱼ·v − Lⱼ)·sc              each axis starts at 0 points
 *   η₀ = b₀ + Σⱼ Lⱼ                           the log-odds of a patient with 0 points in total
 *   η = η₀ + total / sc,  risk = 1 / (1 + e^−η)
 *
 * so a patient's points, added, give back the model's log-odds exactly (the test checks it row by row).
 * The total-points axis and the linear-predictor axis follow rms: lp.at = pretty(range of the training
 * rows' η, 10); the total axis is pretty(0, max(100, sc·(max lp.at − η₀)), 10); a risk r is placed at
 * (logit r − η₀)·sc, for the risks whose logit lies inside lp.at's range (those rms keeps). rms finds that
 * place by linear interpolation on a 1000-point grid (up to ~1e-4 points off); this takes the exact logit,
 * which is rms with fun.lp.at = qlogis(r).
 */
import { pretty, prettySteps, prettyValue } from './pretty';

/** rms's maxscale: the widest axis gets this many points. */
export const MAX_POINTS = 100;
/** rms's nint: about this many intervals on a continuous axis, the total-points and the lp axis. */
const NINT = 10;
/** The risks the risk axis is drawn at (those inside the training rows' range of log-odds are kept). */
export const NOMOGRAM_RISKS: readonly number[] = [0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99];
/**
 * The points table splits a continuous predictor into value bands worth at most this many points from
 * end to end, so a band's points (those of its middle value) are within half of this (plus 0.5 from
 * rounding) of the nomogram's for any value in it.
 */
export const MAX_BAND_POINTS = 10;
/** The risk-per-total table stops at the first total below this risk, and at the first above 1 minus it. */
export const RISK_FLOOR = 0.001;

export type NomogramPredictorInput =
  | {
      kind: 'numeric';
      name: string;
      /** Log-odds per unit of the column. */
      coef: number;
      /** The axis's range: rms's datadist "Low" and "High", the training rows' minimum and maximum. */
      low: number;
      high: number;
      /**
       * The column's distinct values when there are few (datadist keeps them for at most 10): the axis
       * is drawn at each of them instead of at pretty(low, high).
       */
      values?: readonly number[] | null;
      /** Every value is a whole number: the points table names bands of whole numbers (20–24). */
      integer?: boolean;
    }
  | {
      kind: 'categorical';
      name: string;
      /** Each level with its log-odds against the reference (the reference's is 0). */
      levels: readonly { label: string; coef: number }[];
    };

export interface NomogramInput {
  /** b₀, the log-odds when every numeric predictor is 0 and every category at its reference. */
  intercept: number;
  predictors: readonly NomogramPredictorInput[];
  /** The smallest and largest log-odds of the training rows (rms: the fit's linear predictors). */
  lpRange: readonly [number, number];
  risks?: readonly number[];
}

export interface NomogramTick {
  /** The value (a number) or the level (a text) the tick stands for. */
  value: number | string;
  points: number;
}

export interface NomogramAxis {
  name: string;
  /** continuous: at pretty(low, high); discrete: at each of few values; categorical: at each level. */
  kind: 'continuous' | 'discrete' | 'categorical';
  ticks: NomogramTick[];
  /** Log-odds per unit (numeric axes; NaN for a category). */
  coef: number;
  /** Lⱼ: the smallest contribution on the axis (its 0 points), in log-odds. */
  low: number;
  /** Uⱼ − Lⱼ in points: where the axis ends. */
  maxPoints: number;
}

/** One row of the points table for a predictor. */
export type PointsRow =
  | { kind: 'level'; label: string; points: number }
  | { kind: 'value'; value: number; points: number }
  /** from ≤ x < to; from null: any value below `to`; to null: `from` or above. */
  | { kind: 'band'; from: number | null; to: number | null; integer: boolean; points: number };

export interface PointsTable {
  predictors: {
    name: string;
    rows: PointsRow[];
    /** The most a row's (integer) points differ from the nomogram's for a value in the row, within the training range. */
    maxError: number;
  }[];
  /**
   * Total points (multiples of a round step, 0 to the total axis's end, without the rows before the last
   * one under RISK_FLOOR and after the first over 1 − RISK_FLOOR) and the risk at each.
   */
  totals: { points: number; risk: number }[];
}

export interface Nomogram {
  /** sc: points per unit of log-odds. */
  scale: number;
  /** η₀: the log-odds at 0 total points. */
  lpAtZero: number;
  axes: NomogramAxis[];
  /** The top "Points" axis: 0, 10, …, 100. */
  points: number[];
  /** The total-points axis. */
  totalPoints: number[];
  /** Log-odds at pretty(range of the training rows' log-odds), with their total points. */
  linearPredictor: { lp: number; points: number }[];
  /** Risks with the total points that give them. */
  risk: { risk: number; points: number }[];
  table: PointsTable;
}

const logit = (p: number): number => Math.log(p / (1 - p));
const expit = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/** The axis's values: datadist's few distinct values, or pretty(low, high, 10) (rms: value.chk with type.range "full"). */
function axisValues(p: NomogramPredictorInput & { kind: 'numeric' }): number[] {
  if (p.values && p.values.length > 0) return [...p.values];
  return pretty(p.low, p.high, NINT);
}

export function nomogram(input: NomogramInput): Nomogram {
  const raw = input.predictors.map((p) => {
    const ticks: { value: number | string; contribution: number }[] =
      p.kind === 'numeric' ? axisValues(p).map((v) => ({ value: v, contribution: p.coef * v })) : p.levels.map((l) => ({ value: l.label, contribution: l.coef }));
    let low = Infinity;
    let high = -Infinity;
    for (const t of ticks) {
      low = Math.min(low, t.contribution);
      high = Math.max(high, t.contribution);
    }
    return { p, ticks, low, high };
  });
  let widest = 0;
  for (const a of raw) widest = Math.max(widest, a.high - a.low);
  if (!(widest > 0 && Number.isFinite(widest))) throw new Error('nomogram: no predictor changes the log-odds');
  const sc = MAX_POINTS / widest;
  let lpAtZero = input.intercept;
  for (const a of raw) lpAtZero += a.low;

  const axes: NomogramAxis[] = raw.map(({ p, ticks, low, high }) => ({
    name: p.name,
    kind: p.kind === 'categorical' ? 'categorical' : p.values && p.values.length > 0 ? 'discrete' : 'continuous',
    ticks: ticks.map((t) => ({ value: t.value, points: (t.contribution - low) * sc })),
    coef: p.kind === 'numeric' ? p.coef : NaN,
    low,
    maxPoints: (high - low) * sc,
  }));

  // rms: lp.at from the fit's linear predictors; the total axis long enough for the largest of them
  const lpAt = pretty(input.lpRange[0], input.lpRange[1], NINT);
  const lpMax = lpAt[lpAt.length - 1];
  const sumMax = raw.length === 1 ? MAX_POINTS : Math.max(MAX_POINTS, sc * (lpMax - lpAtZero));
  const totalPoints = pretty(0, sumMax, NINT);
  const risk = (input.risks ?? NOMOGRAM_RISKS)
    .filter((r) => r > 0 && r < 1 && lpAt[0] <= logit(r) && logit(r) <= lpMax)
    .map((r) => ({ risk: r, points: (logit(r) - lpAtZero) * sc }));

  const nom: Nomogram = {
    scale: sc,
    lpAtZero,
    axes,
    points: pretty(0, MAX_POINTS, NINT),
    totalPoints,
    linearPredictor: lpAt.map((lp) => ({ lp, points: (lp - lpAtZero) * sc })),
    risk,
    table: { predictors: [], totals: [] },
  };
  nom.table = pointsTable(nom, input.predictors);
  return nom;
}

/** A value's points on an axis: (β·v − L)·sc, or a level's for a category (NaN for a level the axis does not have). */
export function axisPoints(nom: Nomogram, axis: NomogramAxis, value: number | string): number {
  if (axis.kind === 'categorical') return axis.ticks.find((t) => t.value === value)?.points ?? NaN;
  return typeof value === 'number' ? (axis.coef * value - axis.low) * nom.scale : NaN;
}

/** The risk at a number of total points: expit(η₀ + total / sc). */
export function riskAtPoints(nom: Nomogram, total: number): number {
  return expit(nom.lpAtZero + total / nom.scale);
}

/** A patient's total points from their values, one per axis in order (a number, or a level's label). */
export function totalPoints(nom: Nomogram, values: readonly (number | string)[]): number {
  let total = 0;
  nom.axes.forEach((axis, j) => (total += axisPoints(nom, axis, values[j])));
  return total;
}

/**
 * The table a nurse adds up: per predictor, integer points for each level, each of few values, or each
 * band of values of a continuous predictor (the points of the band's middle value within the training
 * range, rounded); then the risk per total, in round steps.
 */
function pointsTable(nom: Nomogram, predictors: readonly NomogramPredictorInput[]): PointsTable {
  const out: PointsTable['predictors'] = nom.axes.map((axis, j) => {
    const p = predictors[j];
    if (axis.kind !== 'continuous' || p.kind !== 'numeric') {
      let maxError = 0;
      const rows: PointsRow[] = axis.ticks.map((t) => {
        const points = Math.round(t.points);
        maxError = Math.max(maxError, Math.abs(points - t.points));
        return typeof t.value === 'string' ? { kind: 'level', label: t.value, points } : { kind: 'value', value: t.value, points };
      });
      return { name: axis.name, rows, maxError };
    }
    return { name: axis.name, ...bands(nom, axis, p) };
  });
  // the risk per total: multiples of a round step about a fortieth of the total axis, from the last
  // below 0.1% risk to the first above 99.9% (the rows beyond say nothing more)
  const end = nom.totalPoints[nom.totalPoints.length - 1];
  const s = prettySteps(0, end, 40);
  let totals: PointsTable['totals'] = [];
  for (let i = 0; ; i++) {
    const points = prettyValue(s, i);
    if (points > end + 1e-9) break;
    totals.push({ points, risk: riskAtPoints(nom, points) });
  }
  let first = 0;
  totals.forEach((r, k) => r.risk < RISK_FLOOR && (first = k));
  const after = totals.findIndex((r) => r.risk > 1 - RISK_FLOOR);
  totals = totals.slice(first, after < 0 ? totals.length : after + 1);
  return { predictors: out, totals };
}

/**
 * Bands of a continuous predictor: the coarsest pretty(low, high, n) (n = 2, 3, …) whose bands, cut to the
 * training range [low, high], each span at most MAX_BAND_POINTS, and that has at least one band per 5 of
 * the axis's points up to 4 (a predictor worth 20 points gets 4 bands, not 2 of 10 points each); bands are
 * [low, c₁), [c₁, c₂), …, [cₘ, high] for the round values cᵢ strictly inside the range (m ≥ 1), shown open
 * at both ends. A band's points are those of its middle: of its whole numbers for a whole-number column
 * (20–24: 22). Neighbouring bands with the same points are then one row (each value keeps its bound).
 */
function bands(nom: Nomogram, axis: NomogramAxis, p: NomogramPredictorInput & { kind: 'numeric' }): { rows: PointsRow[]; maxError: number } {
  const slope = Math.abs(p.coef) * nom.scale; // points per unit
  const at = (v: number) => axisPoints(nom, axis, v);
  const minBands = Math.min(4, Math.max(2, Math.ceil(axis.maxPoints / 5)));
  let best: { rows: (PointsRow & { kind: 'band' })[]; maxError: number } | null = null;
  for (let n = 2; n <= 50; n++) {
    const inner = pretty(p.low, p.high, n).filter((c) => c > p.low && c < p.high);
    if (inner.length === 0) continue;
    const integer = p.integer === true && inner.every((c) => Number.isInteger(c));
    const edges = [p.low, ...inner, p.high];
    let widest = 0;
    let maxError = 0;
    const rows: (PointsRow & { kind: 'band' })[] = [];
    for (let k = 0; k + 1 < edges.length; k++) {
      const last = k + 2 === edges.length;
      // the values the band holds: [a, b) or, the last, [a, b]; whole numbers only for a whole-number column
      let a = edges[k];
      let b = edges[k + 1];
      if (integer) {
        a = Math.ceil(a);
        b = last ? Math.floor(b) : Math.ceil(b) - 1;
      }
      const exact = at((a + b) / 2);
      const points = Math.round(exact);
      widest = Math.max(widest, slope * (b - a));
      maxError = Math.max(maxError, (slope * (b - a)) / 2 + Math.abs(points - exact));
      rows.push({ kind: 'band', from: k === 0 ? null : edges[k], to: last ? null : edges[k + 1], integer, points });
    }
    best = { rows, maxError };
    if (widest <= MAX_BAND_POINTS && rows.length >= minBands) break;
  }
  if (!best) {
    // a range no round value splits (low = high): one row
    const points = Math.round(at(p.low));
    return { rows: [{ kind: 'band', from: null, to: null, integer: p.integer === true, points }], maxError: Math.abs(points - at(p.low)) };
  }
  const merged: (PointsRow & { kind: 'band' })[] = [];
  for (const r of best.rows) {
    const prev = merged[merged.length - 1];
    if (prev && prev.points === r.points) prev.to = r.to;
    else merged.push({ ...r });
  }
  return { rows: merged, maxError: best.maxError };
}
