/**
 * The two languages must say the same things: every key in both files, the same {{placeholders}},
 * no empty text, and every key the code asks for present. Keys the code builds from a value
 * (t(`errors.${code}.title`)) are checked against the values the source declares (the ErrorCode
 * union, MODEL_KINDS, …), read from the source text so that a new code cannot ship untranslated.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import en from './en.json';
import zhCN from './zh-CN.json';
import { detectLanguage, LANGUAGES } from './index';
import { MODEL_KINDS } from '../core/models/registry';

type Tree = { [key: string]: unknown };

const FILES: Record<string, Tree> = { en, 'zh-CN': zhCN };
const SRC = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Every leaf of a translation file as 'a.b.c' → value. */
function flatten(tree: Tree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of flatten(value as Tree, `${prefix}${key}.`)) out.set(k, v);
    } else out.set(`${prefix}${key}`, value);
  }
  return out;
}

/** The node at a dotted path ('errors.empty-file'), or undefined. */
function at(tree: Tree, path: string): unknown {
  let node: unknown = tree;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Tree)[part];
  }
  return node;
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const isObject = (v: unknown): boolean => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The names of a text's {{placeholders}}, sorted, each once. */
function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{\s*([^}]+?)\s*\}\}/g)].map((m) => m[1]))].sort();
}

/** Keys absent (or not text) in some language, as "lang: key" lines. */
function missingText(keys: Iterable<string>): string[] {
  const missing: string[] = [];
  for (const key of keys) for (const [lang, tree] of Object.entries(FILES)) if (!isText(at(tree, key))) missing.push(`${lang}: ${key}`);
  return missing;
}

const flat = Object.fromEntries(Object.entries(FILES).map(([lang, tree]) => [lang, flatten(tree)]));

// ---------------------------------------------------------------- the source code

const read = (path: string): string => readFileSync(join(SRC, path), 'utf8');
const withoutComments = (code: string): string => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
const quoted = (text: string): string[] => [...text.matchAll(/'([^'\n]*)'/g)].map((m) => m[1]);

/** The text of `type Name = …`: its own line plus the `| …` lines that follow it, comments removed. */
function typeText(path: string, name: string): string {
  const m = new RegExp(`\\btype ${name}\\b[^=\\n]*=([^\\n]*)\\n((?:[ \\t]*\\|[^\\n]*\\n)*)`).exec(withoutComments(read(path)));
  if (!m) throw new Error(`type ${name} not found in src/${path}`);
  return m[1] + m[2];
}

/** Members of a string-literal union: `type Stage = 'read' | 'parse';`. */
const stringUnion = (path: string, name: string): string[] => quoted(typeText(path, name));

/** The codes of a tagged union: `type Note = | { code: 'a'; … } | { code: 'b' };`. */
const codeUnion = (path: string, name: string): string[] => [...typeText(path, name).matchAll(/\bcode: '([^']+)'/g)].map((m) => m[1]);

/** An inline union of a property: `status: 'loaded' | 'trained' | null;` (the first one in the file). */
function propertyUnion(path: string, property: string): string[] {
  const m = new RegExp(`\\b${property}\\??:\\s*('[^']*'(?:\\s*\\|\\s*(?:'[^']*'|null|undefined))+)`).exec(withoutComments(read(path)));
  if (!m) throw new Error(`no union-typed property ${property} in src/${path}`);
  return quoted(m[1]);
}

/** The strings of an array literal: `const NAME … = ['a', 'b'];`. */
interface Call {
  key: string;
  where: string;
}

/** Every t('…'), t("…") and t(`…`) with a literal first argument in the app's source (not tests). */
function translationCalls(): Call[] {
  const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .map((f) => f.replaceAll('\\', '/'))
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f));
  const calls: Call[] = [];
  for (const file of files) {
    const code = read(file);
    for (const m of code.matchAll(/\bt\(\s*(?:'([^'\n]*)'|"([^"\n]*)"|`([^`]*)`)/g)) {
      const line = code.slice(0, m.index).split('\n').length;
      calls.push({ key: m[1] ?? m[2] ?? m[3], where: `src/${file}:${line}` });
    }
  }
  return calls;
}

const calls = translationCalls();
const literalCalls = calls.filter((c) => !c.key.includes('${'));
const templateCalls = calls.filter((c) => c.key.includes('${'));

/**
 * Keys the code builds from a value, with where the values are declared. `keys` gives the
 * entries each value needs; a regex that stops matching after a refactor fails the test
 * (no values found) rather than passing silently.
 */
const ENUMERATED: { what: string; values: () => string[]; keys: (v: string) => string[] }[] = [
  { what: 'ErrorCode (core/errors.ts)', values: () => stringUnion('core/errors.ts', 'ErrorCode'), keys: (v) => [`errors.${v}.title`, `errors.${v}.hint`] },
  { what: 'the model registry (core/models/registry)', values: () => [...MODEL_KINDS], keys: (v) => [`models.${v}`, `models.hint.${v}`] },
  { what: 'ColumnType (core/table/column.ts)', values: () => stringUnion('core/table/column.ts', 'ColumnType'), keys: (v) => [`types.${v}`] },
  {
    what: 'TrainWarning (core/train/report.ts)',
    values: () => codeUnion('core/train/report.ts', 'TrainWarning'),
    keys: (v) => [`warnings.${v}`, `warningShort.${v}`],
  },
  {
    what: 'ColumnNote (core/table/infer-type.ts)',
    values: () => codeUnion('core/table/infer-type.ts', 'ColumnNote'),
    // A derived age says "at <date column>" or "today": two texts (components/ProfileTable.tsx).
    keys: (v) => (v === 'derived-age' ? ['columnNotes.derived-age-at', 'columnNotes.derived-age-today'] : [`columnNotes.${v}`]),
  },
  { what: 'FileNote (core/ingest/read-table.ts)', values: () => codeUnion('core/ingest/read-table.ts', 'FileNote'), keys: (v) => [`notes.${v}`] },
  { what: 'PrepNote (core/prep/prepare.ts)', values: () => codeUnion('core/prep/prepare.ts', 'PrepNote'), keys: (v) => [`notes.${v}`] },
  { what: 'PipelineNote (core/prep/pipeline.ts)', values: () => codeUnion('core/prep/pipeline.ts', 'PipelineNote'), keys: (v) => [`notes.${v}`] },
  { what: 'MissingStrategy (core/prep/setup.ts)', values: () => stringUnion('core/prep/setup.ts', 'MissingStrategy'), keys: (v) => [`setup.missingOptions.${v}`] },
  { what: 'Stage (worker/api.ts)', values: () => stringUnion('worker/api.ts', 'Stage'), keys: (v) => [`progress.stage.${v}`] },
  { what: 'Task (app/useWorkbench.ts)', values: () => stringUnion('app/useWorkbench.ts', 'Task'), keys: (v) => [`progress.task.${v}`] },
  { what: 'status (app/useWorkbench.ts)', values: () => propertyUnion('app/useWorkbench.ts', 'status'), keys: (v) => [`status.${v}`] },
  { what: 'IdentifierKind (core/privacy/identifiers.ts)', values: () => stringUnion('core/privacy/identifiers.ts', 'IdentifierKind'), keys: (v) => [`phi.kind.${v}`] },
  {
    what: 'IdentifierDetection reason (core/privacy/identifiers.ts)',
    values: () => propertyUnion('core/privacy/identifiers.ts', 'reason'),
    keys: (v) => [`phi.reason.${v}`, `phi.excluded.${v}`],
  },
  { what: 'DeidAction (core/privacy/deidentify.ts)', values: () => stringUnion('core/privacy/deidentify.ts', 'DeidAction'), keys: (v) => [`deid.actions.${v}`] },
  { what: 'Safe Harbor ids (core/privacy/safe-harbor.ts)', values: () => propertyUnion('core/privacy/safe-harbor.ts', 'id'), keys: (v) => [`safeHarbor.${v}`] },
  { what: 'Sample ids (app/samples.ts)', values: () => propertyUnion('app/samples.ts', 'id'), keys: (v) => [`samples.${v}.name`, `samples.${v}.detail`] },
  { what: 'metric Key (app/results/MetricsPanel.tsx)', values: () => stringUnion('app/results/MetricsPanel.tsx', 'Key'), keys: (v) => [`metrics.${v}.label`, `metrics.${v}.explain`] },
  { what: 'contribution unit (components/charts/ContributionsChart.tsx)', values: () => propertyUnion('components/charts/ContributionsChart.tsx', 'unit'), keys: (v) => [`patient.unit.${v}`] },
  { what: 'contribution method (components/charts/ContributionsChart.tsx)', values: () => propertyUnion('components/charts/ContributionsChart.tsx', 'method'), keys: (v) => [`patient.method.${v}`] },
];

// ---------------------------------------------------------------- the tests

describe('translation files', () => {
  it('have the same keys in every language', () => {
    const [first, ...others] = Object.keys(flat);
    const problems: string[] = [];
    for (const lang of others) {
      const missingHere = [...flat[first].keys()].filter((k) => !flat[lang].has(k));
      const extraHere = [...flat[lang].keys()].filter((k) => !flat[first].has(k));
      problems.push(...missingHere.map((k) => `missing in ${lang}.json: ${k}`), ...extraHere.map((k) => `missing in ${first}.json: ${k}`));
    }
    expect(problems, `keys in one language only:\n  ${problems.join('\n  ')}`).toEqual([]);
  });

  it('have no empty or non-text values', () => {
    const bad = Object.entries(flat).flatMap(([lang, keys]) => [...keys].filter(([, v]) => !isText(v)).map(([k, v]) => `${lang}: ${k} = ${JSON.stringify(v)}`));
    expect(bad, `empty or non-text values:\n  ${bad.join('\n  ')}`).toEqual([]);
  });

  it('use the same {{placeholders}} for the same key', () => {
    const [first, ...others] = Object.keys(flat);
    const differ: string[] = [];
    for (const lang of others) {
      for (const [key, value] of flat[first]) {
        const other = flat[lang].get(key);
        if (typeof value !== 'string' || typeof other !== 'string') continue;
        const a = placeholders(value).join(', ');
        const b = placeholders(other).join(', ');
        if (a !== b) differ.push(`${key}: ${first} {${a}} vs ${lang} {${b}}`);
      }
    }
    expect(differ, `placeholders differ:\n  ${differ.join('\n  ')}`).toEqual([]);
  });
});

describe('keys used in the code', () => {
  it('finds the t(…) calls of the source (sanity check of the scan)', () => {
    expect(literalCalls.length).toBeGreaterThan(100);
    expect(templateCalls.some((c) => c.key === 'errors.${error.code}.title')).toBe(true);
  });

  it('every literal key exists as text in every language', () => {
    const missing = literalCalls.flatMap((c) => missingText([c.key]).map((m) => `${m}  (${c.where})`));
    expect(missing, `keys used in the code but missing:\n  ${missing.join('\n  ')}`).toEqual([]);
  });

  it('every template key has its prefix as a group in every language', () => {
    const problems: string[] = [];
    for (const c of templateCalls) {
      const before = c.key.slice(0, c.key.indexOf('${'));
      const prefix = before.slice(0, before.lastIndexOf('.'));
      if (!prefix) {
        problems.push(`${c.where}: t(\`${c.key}\`) has no fixed prefix to check; start the key with a literal group`);
        continue;
      }
      for (const [lang, tree] of Object.entries(FILES)) if (!isObject(at(tree, prefix))) problems.push(`${lang}: no group "${prefix}" for t(\`${c.key}\`)  (${c.where})`);
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it.each(ENUMERATED.map((e) => [e.what, e] as const))('every value of %s has its texts', (_, e) => {
    const values = e.values();
    expect(values.length, `no values read for ${e.what}: has the declaration changed shape?`).toBeGreaterThan(0);
    const missing = missingText(values.flatMap(e.keys));
    expect(missing, `missing for ${e.what}:\n  ${missing.join('\n  ')}`).toEqual([]);
  });
});

describe('language detection', () => {
  it('offers English and Simplified Chinese', () => {
    expect(LANGUAGES).toEqual(['en', 'zh-CN']);
  });

  it('takes the first preferred language it has, any Chinese as zh-CN', () => {
    expect(detectLanguage(['zh-CN', 'en'])).toBe('zh-CN');
    expect(detectLanguage(['zh'])).toBe('zh-CN');
    expect(detectLanguage(['zh-TW'])).toBe('zh-CN');
    expect(detectLanguage(['zh-Hans-CN'])).toBe('zh-CN');
    expect(detectLanguage(['ZH-cn'])).toBe('zh-CN');
    expect(detectLanguage(['fr-FR', 'zh-CN'])).toBe('zh-CN');
    expect(detectLanguage(['en-US', 'zh-CN'])).toBe('en');
    expect(detectLanguage(['fr-FR', 'de'])).toBe('en');
    expect(detectLanguage(['zhx'])).toBe('en');
    expect(detectLanguage([])).toBe('en');
    expect(detectLanguage(undefined)).toBe('en');
  });
});
