/**
 * Seeded synthetic cohorts of several shapes for the perf e2e tests: numeric columns (lab values), categorical
 * columns of a few levels each (one-hot features), and a yes/no outcome drawn from a logistic model of some of
 * them, so that training has work to do. The same shape gives the same bytes.
 */
import { writeFileSync } from 'node:fs';

export interface CohortShape {
  /** A short name, used in the test's title and the file's name. */
  name: string;
  rows: number;
  /** Numeric columns lab1…labN (values about −2…2 with 4 decimals). */
  numeric: number;
  /** Categorical columns cat1…catK; the k-th has levels[k] levels ("L1"…). */
  levels: number[];
  /** Share of empty cells in every feature column. */
  missing: number;
}

/** Columns in the file: the features and the outcome. */
export const columnCount = (s: CohortShape): number => s.numeric + s.levels.length + 1;

/** The cohort as CSV text: header lab1…, cat1…, outcome. */
export function shapeCsv(s: CohortShape, seed = 12345): string {
  let state = seed >>> 0;
  const rand = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296);
  const header = [...Array.from({ length: s.numeric }, (_, j) => `lab${j + 1}`), ...s.levels.map((_, k) => `cat${k + 1}`), 'outcome'];
  const parts: string[] = [header.join(',')];
  const cells: string[] = new Array(header.length);
  for (let i = 0; i < s.rows; i++) {
    let z = -0.5;
    for (let j = 0; j < s.numeric; j++) {
      const x = rand() * 4 - 2;
      // the first five labs and every categorical column carry signal
      if (j < 5) z += x * (j % 2 ? 0.6 : -0.4);
      cells[j] = rand() < s.missing ? '' : x.toFixed(4);
    }
    for (let k = 0; k < s.levels.length; k++) {
      const level = Math.floor(rand() * s.levels[k]);
      z += ((level % 3) - 1) * 0.25;
      cells[s.numeric + k] = rand() < s.missing ? '' : `L${level + 1}`;
    }
    cells[header.length - 1] = rand() < 1 / (1 + Math.exp(-z)) ? 'yes' : 'no';
    parts.push(cells.join(','));
  }
  return parts.join('\n');
}

export function writeShape(path: string, s: CohortShape): void {
  writeFileSync(path, shapeCsv(s));
}
