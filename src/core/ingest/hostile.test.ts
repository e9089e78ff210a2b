/**
 * "No input can break it": every file of the hostile corpus is read into a Result (never an
 * exception) that matches its expectation, and the files meant for training train every model
 * into a Result with sane numbers.
 */
import { describe, expect, it } from 'vitest';
import { HOSTILE, bytesOf, type HostileCase, type LoadExpectation, type TrainExpectation } from '../__fixtures__/hostile/corpus';
import { readTable, type LoadedTable } from './read-table';
import { bytesSource, type ByteSource } from './byte-source';
import { cellText, type Column } from '../table/column';
import { train, type TrainReport } from '../train/train';
import { DEFAULT_MODELS, type ModelKind, type ModelSpec, type TrainSetup } from '../prep/setup';
import type { AppError, ErrorCode } from '../errors';
// eslint-disable-next-line no-restricted-imports -- the test trains with the setup the app would suggest after loading
import { summarize } from '../../worker/summarize';

/** Small budgets for the iterative models, so the whole corpus trains in seconds. */
const MODELS: Record<ModelKind, ModelSpec> = {
  logreg: DEFAULT_MODELS.logreg,
  'logreg-mle': DEFAULT_MODELS['logreg-mle'],
  'logreg-firth': DEFAULT_MODELS['logreg-firth'],
  svm: DEFAULT_MODELS.svm,
  gd: { ...DEFAULT_MODELS.gd, epochs: 20 },
  mlp: { ...DEFAULT_MODELS.mlp, hidden: [8], maxEpochs: 5 },
};
const MODEL_LIST: ModelKind[] = ['logreg', 'logreg-mle', 'logreg-firth', 'svm', 'gd', 'mlp'];

const PROTOTYPE_KEYS = Reflect.ownKeys(Object.prototype);

/** The fields each error's message quotes (src/i18n/en.json): without them the user reads "undefined" or a wrong 0. */
const MESSAGE_FIELDS: Partial<Record<ErrorCode, (keyof AppError)[]>> = {
  'no-rows': ['count'],
  'too-many-columns': ['count', 'limit'],
  'unknown-column': ['column'],
  'outcome-not-binary': ['column', 'count'],
  'outcome-one-class': ['column', 'count'],
  'positive-class-missing': ['column', 'value'],
  'no-rows-left': ['count'],
  'split-too-small': ['count'],
};

function expectExplainable(error: AppError): void {
  const missing = (MESSAGE_FIELDS[error.code] ?? []).filter((f) => error[f] === undefined);
  expect({ code: error.code, missing }).toEqual({ code: error.code, missing: [] });
}

/** Nothing the files hold may reach Object.prototype. */
function expectNoPollution(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Reflect.ownKeys(Object.prototype)).toEqual(PROTOTYPE_KEYS);
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
}

function columnNamed(t: LoadedTable, name: string): Column {
  const c = t.table.columns.find((col) => col.name === name);
  if (!c) throw new Error(`no column ${name.slice(0, 40)}; have ${t.table.columns.slice(0, 8).map((x) => x.name.slice(0, 40)).join(', ')}`);
  return c;
}

function checkLoaded(t: LoadedTable, e: LoadExpectation): void {
  const { rowCount, columns } = t.table;
  if (e.rows !== undefined) expect(rowCount).toBe(e.rows);
  if (e.cols !== undefined) expect(columns.length).toBe(e.cols);
  for (const c of columns) expect(c.storage === 'numeric' ? c.values.length : c.codes.length).toBe(rowCount);
  if (e.encoding) expect(t.encoding).toBe(e.encoding);
  if (e.delimiter) expect(t.dialect.delimiter).toBe(e.delimiter);
  if (e.decimalComma !== undefined) expect(t.dialect.decimalComma).toBe(e.decimalComma);
  for (const [name, type] of Object.entries(e.types ?? {})) expect({ name, type: columnNamed(t, name).type }).toEqual({ name, type });
  const notes = new Set([...t.fileNotes.map((n) => n.code), ...t.columnNotes.flat().map((n) => n.code)]);
  for (const note of e.notes ?? []) expect([...notes]).toContain(note);
  for (const [name, cells] of Object.entries(e.cells ?? {})) {
    const col = columnNamed(t, name);
    expect(cells.map((_, i) => cellText(col, i))).toEqual(cells);
  }
}

function setupFor(suggested: string[], e: TrainExpectation, model: ModelSpec): TrainSetup {
  return {
    outcome: e.outcome,
    positiveClass: e.positive,
    features: (e.features ?? suggested).filter((f) => f !== e.outcome),
    missing: e.missing ?? 'drop',
    split: { kind: 'random', testFraction: 0.2, seed: 42 },
    model,
    seed: 42,
    cvFolds: 0,
  };
}

const inUnit = (v: number): boolean => v >= 0 && v <= 1;
const unitOrNaN = (v: number): boolean => Number.isNaN(v) || inUnit(v);

/** Paths of the numbers in a report that are ±Infinity (odds ratios may overflow e^β: not listed). */
function infinities(value: unknown, path = ''): string[] {
  if (typeof value === 'number') return value === Infinity || value === -Infinity ? [path] : [];
  if (value === null || typeof value !== 'object' || path.endsWith('.oddsRatios')) return [];
  return Object.entries(value).flatMap(([k, v]) => infinities(v, `${path}.${k}`));
}

function checkReport(report: TrainReport, risk: Float64Array): void {
  const badRisk = Array.from(risk).filter((p) => !inUnit(p));
  expect(badRisk.slice(0, 5)).toEqual([]);
  const t = report.test;
  const a = t.atThreshold;
  const rates = {
    ...{ auc: t.auc, aucLow: t.aucLow, aucHigh: t.aucHigh, brier: t.brier, averagePrecision: t.averagePrecision },
    ...{ trainAccuracy: report.trainAccuracy, baselineAccuracy: report.baselineAccuracy, accuracy: a.accuracy, balancedAccuracy: a.balancedAccuracy },
    ...{ sensitivity: a.sensitivity, specificity: a.specificity, ppv: a.ppv, npv: a.npv, f1: a.f1 },
  };
  const outside = Object.entries(rates).filter(([, v]) => !unitOrNaN(v));
  expect(outside).toEqual([]);
  for (const bin of t.calibration) expect([bin.meanPredicted, bin.observed].every(inUnit)).toBe(true);
  for (const p of [...t.roc, ...t.pr]) expect(inUnit(p.x) && inUnit(p.y)).toBe(true);
  expect(infinities(report)).toEqual([]);
}

async function checkTraining(t: LoadedTable, e: TrainExpectation): Promise<void> {
  const suggested = summarize(t, 'hostile.csv', 0).suggestion.features;
  for (const kind of MODEL_LIST) {
    const result = await train(t.table, setupFor(suggested, e, MODELS[kind]));
    const label = `${kind}: ${result.ok ? 'ok' : result.error.code}`;
    if (!result.ok) expectExplainable(result.error);
    if (e.expectError) {
      expect(label).toBe(`${kind}: ${e.expectError}`);
      continue;
    }
    expect(label).toBe(`${kind}: ok`);
    if (!result.ok) continue;
    const { report, run } = result.value;
    checkReport(report, run.test.risk);
    if (e.expectWarning && (e.warnedBy ?? MODEL_LIST).includes(kind)) {
      expect({ kind, warnings: report.warnings.map((w) => w.code) }).toEqual({ kind, warnings: expect.arrayContaining([e.expectWarning]) });
    }
    if (e.expectPrepNote) expect(report.prepNotes.map((n) => n.code)).toContain(e.expectPrepNote);
  }
}

/** Everything readTable produced, to compare two reads of the same file. */
function fingerprint(t: LoadedTable) {
  return {
    encoding: t.encoding,
    dialect: t.dialect,
    rows: t.table.rowCount,
    columns: t.table.columns.map((c) => (c.storage === 'numeric' ? [c.name, c.type, c.values, c.levels] : [c.name, c.type, c.codes, c.levels])),
    fileNotes: t.fileNotes,
    columnNotes: t.columnNotes,
  };
}

/** Small chunks put a boundary inside records, quotes, multi-byte characters and line ends: the table must not change. */
const SMALL_CHUNK = 1000;

async function runCase(c: HostileCase): Promise<void> {
  const bytes = c.bytes();
  const result = await readTable(bytesSource(bytes));
  expectNoPollution();
  const chunked = await readTable(bytesSource(bytes), undefined, { chunkBytes: SMALL_CHUNK });
  if (result.ok && chunked.ok) expect(fingerprint(chunked.value)).toEqual(fingerprint(result.value));
  else expect(chunked.ok ? 'loaded' : chunked.error).toEqual(result.ok ? 'loaded' : result.error);
  if ('error' in c.expect) {
    expect(result.ok ? 'loaded' : result.error.code).toBe(c.expect.error);
    if (!result.ok) expectExplainable(result.error);
    return;
  }
  if (!result.ok) throw new Error(`expected the file to load, got ${result.error.code}`);
  checkLoaded(result.value, c.expect.loads);
  if (c.expect.train) await checkTraining(result.value, c.expect.train);
  else summarize(result.value, c.name, 0); // what the worker does after loading must not throw either
  expectNoPollution();
}

describe('the hostile corpus', () => {
  it('has at least 45 distinctly named files', () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(45);
    expect(new Set(HOSTILE.map((c) => c.name)).size).toBe(HOSTILE.length);
  });

  it('reads a huge unterminated quoted field without rescanning it once per chunk', async () => {
    const bytes = bytesOf('a,b\n1,"', 'x'.repeat(4 << 20), '\n2,3\n');
    let reads = 0;
    const source: ByteSource = { size: bytes.length, read: (start, end) => (reads++, Promise.resolve(bytes.subarray(start, end))) };
    const result = await readTable(source, undefined, { chunkBytes: 1024 });
    expect(result.ok && result.value.fileNotes.map((n) => n.code)).toEqual(['unterminated-quote']);
    // 1 KB chunks over 4 MB would be 4,096 reads, each rescanning the open field; growing reads need ~15
    expect(reads).toBeLessThan(40);
  });

  it.each(HOSTILE.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    await runCase(c);
  });
});
