import { columnLevels, levelCodes, type Column } from '../table/column';
import { numericStats } from '../table/column-stats';
import { fail, ok, type Result } from '../errors';

/** An outcome may have at most this many distinct values (event vs. all others); more is a measurement, not a class. */
export const MAX_OUTCOME_LEVELS = 10;

/** Per row: 1 = the event, 0 = not, −1 = outcome missing. */
export function encodeOutcome(col: Column, positiveClass: string): Result<Int8Array> {
  const levels = columnLevels(col);
  if (!levels || levels.length > MAX_OUTCOME_LEVELS) {
    // the message quotes the count: a measurement (or an empty column) keeps no levels, so count its values
    const count = levels?.length ?? (col.storage === 'numeric' ? numericStats(col.values).distinct : 0);
    return fail({ code: 'outcome-not-binary', column: col.name, count });
  }
  const positive = levels.indexOf(positiveClass);
  if (positive < 0) return fail({ code: 'positive-class-missing', column: col.name, value: positiveClass });
  const codes = levelCodes(col);
  const y = new Int8Array(codes.length);
  for (let i = 0; i < codes.length; i++) y[i] = codes[i] < 0 ? -1 : codes[i] === positive ? 1 : 0;
  return ok(y);
}

/**
 * The value most likely meant as the event: a conventional positive label (1, yes, pos, true,
 * malignant, died, 是, 阳性…); else the only value that is not a conventional negative (no, normal,
 * healthy, 正常, 阴性…); else the rarer value (in clinical data the event is usually the minority).
 */
export function suggestPositiveClass(levels: readonly string[], counts: readonly number[]): string | undefined {
  if (levels.length === 0) return undefined;
  const conventional = levels.find((l) => POSITIVE.test(l.trim()));
  if (conventional !== undefined) return conventional;
  const notNegative = levels.filter((l) => !NEGATIVE.test(l.trim()));
  if (notNegative.length === 1 && levels.length > 1) return notNegative[0];
  let best = 0;
  for (let k = 1; k < levels.length; k++) if (counts[k] < counts[best]) best = k;
  return levels[best];
}

const NEGATIVE =
  /^(0|0\.0|n|no|false|f|neg|negative|none|normal|healthy|control|benign|alive|survived|absent|否|无|正常|阴性|健康|良性|存活|对照)$/i;
const POSITIVE =
  /^(1|1\.0|y|yes|true|t|pos|positive|\+|event|case|malignant|m|dead|died|death|deceased|disease|diseased|abnormal|present|sick|是|有|阳性|死亡|患病|恶性)$/i;
