/**
 * The full model as a formula a reader can apply by hand (TRIPOD+AI item 22): the log-odds of the event
 * as an intercept plus one term per predictor in the columns' own units, then risk = 1 / (1 + e^−lp).
 *
 * The app fits on z-scores, z = (x − mean)/SD with the training rows' mean and SD, so a weight w on z is
 * w/SD per unit and the intercept absorbs −Σ w·mean/SD. A level's indicator is 1 when the patient has
 * that level (pooled rare levels: any level not listed, "(other)"), 0 otherwise; the reference level has
 * no term. Models whose risk is a logistic function of their decision value (logistic regression, the
 * SVM through Platt's sigmoid: logit p = −(A·f + B)) have such a formula, and so does any recalibration
 * of them (logit p' = a + b·logit p). A missing value is replaced by its fill value before the formula
 * (the imputation learned on the training rows), or the row is not scored ("drop" rows).
 */
import type { FittedModel } from '../train/models';
import { linearWeights } from '../train/models';
import { modelDefinition } from '../models/registry';
import type { FittedPrep } from '../prep/pipeline';
import { OTHER_LABEL, OTHER_LEVEL } from '../prep/pipeline';
import { transformText, type TextTransform } from '../text/tfidf';
import type { CodedColumn } from '../table/column';

export interface EquationTerm {
  /** The design feature (`age`, `sex=M`) and its column. */
  feature: string;
  column: string;
  /**
   * numeric: coef × value; level: coef when the column has this level ('(other)': any level not named); term:
   * coef × the term's TF-IDF weight in the note (its count × idf, the note's vector scaled to length 1).
   */
  kind: 'numeric' | 'level' | 'term';
  level?: string;
  term?: string;
  /** Change in log-odds per unit of the column (numeric) or for the level (against the reference). */
  coef: number;
}

export interface ModelEquation {
  intercept: number;
  terms: EquationTerm[];
  /** Per column: the value a missing cell takes (null: rows with a missing value are not scored), and a categorical column's reference level and named levels. */
  columns: { column: string; kind: 'numeric' | 'categorical' | 'text'; fill: number | string | null; reference?: string; levels?: string[]; text?: TextTransform }[];
}

/** The model's log-odds as a formula in the columns' units (see the file comment), or null for a model without one (the network). */
export function modelEquation(fitted: FittedPrep, model: FittedModel, recalibration: { intercept: number; slope: number } | null = null): ModelEquation | null {
  const w = linearWeights(model);
  if (!w) return null;
  // log-odds as an affine function of the decision value: lp = a0 + a1·f (read off the model's own link)
  const at = modelDefinition(model.kind).logit(model, Float64Array.of(0, 1));
  let a0 = at[0];
  let a1 = at[1] - at[0];
  if (recalibration) {
    a0 = recalibration.intercept + recalibration.slope * a0;
    a1 = recalibration.slope * a1;
  }
  const { mean, std } = fitted.scaler;
  let intercept = a0 + a1 * w.intercept;
  const terms: EquationTerm[] = fitted.features.map((f, j) => {
    const perUnit = Number.isFinite(w.coef[j]) ? (a1 * w.coef[j]) / std[j] : 0;
    intercept -= perUnit * mean[j];
    if (f.kind === 'term') return { feature: f.name, column: f.column, kind: 'term', term: f.term, coef: perUnit };
    return f.kind === 'indicator'
      ? { feature: f.name, column: f.column, kind: 'level', level: f.level === OTHER_LEVEL ? OTHER_LABEL : f.level, coef: perUnit }
      : { feature: f.name, column: f.column, kind: 'numeric', coef: perUnit };
  });
  const columns: ModelEquation['columns'] = fitted.transforms.map((t) =>
    t.kind === 'numeric'
      ? { column: t.column, kind: 'numeric' as const, fill: t.fill }
      : t.kind === 'text'
        ? { column: t.column, kind: 'text' as const, fill: null, text: t }
        : {
          column: t.column, kind: 'categorical' as const, fill: t.fill === OTHER_LEVEL ? OTHER_LABEL : t.fill,
          reference: t.levels[0], levels: t.levels,
        },
  );
  return { intercept, terms, columns };
}

/**
 * A patient's log-odds by the formula: `values` by column (numbers for numeric columns, level texts for
 * categorical ones, null or absent when missing). NaN when a needed value is missing and has no fill.
 */
export function equationLogOdds(eq: ModelEquation, values: Readonly<Record<string, number | string | null | undefined>>): number {
  let lp = eq.intercept;
  const byColumn = new Map(eq.columns.map((c) => [c.column, c]));
  const notes = new Map<string, Map<string, number>>();
  for (const term of eq.terms) {
    const c = byColumn.get(term.column);
    const raw = values[term.column];
    if (term.kind === 'term') {
      // an empty or missing note has no terms
      if (!c?.text) return NaN;
      let weights = notes.get(term.column);
      if (!weights) notes.set(term.column, (weights = noteWeights(c.text, raw === null || raw === undefined ? '' : String(raw))));
      lp += term.coef * (weights.get(term.term as string) ?? 0);
      continue;
    }
    const v = raw === null || raw === undefined || raw === '' || (typeof raw === 'number' && Number.isNaN(raw)) ? (c?.fill ?? null) : raw;
    if (v === null) return NaN;
    if (term.kind === 'numeric') lp += term.coef * Number(v);
    else {
      const named = c?.levels ?? [];
      const has = term.level === OTHER_LABEL ? !named.includes(String(v)) : String(v) === term.level;
      if (has) lp += term.coef;
    }
  }
  return lp;
}

/** A note's TF-IDF weight per term, as the pipeline computes it (text/tfidf.ts on a one-row column). */
export function noteWeights(t: TextTransform, note: string): Map<string, number> {
  const text = note.trim();
  const column: CodedColumn = { storage: 'coded', name: t.column, type: 'text', codes: Int32Array.of(text === '' ? -1 : 0), levels: text === '' ? [] : [text] };
  const v = transformText(column, t, Int32Array.of(0));
  const out = new Map<string, number>();
  for (let e = v.rowStart[0]; e < v.rowStart[1]; e++) out.set(t.terms[v.colIndex[e]], v.values[e]);
  return out;
}
