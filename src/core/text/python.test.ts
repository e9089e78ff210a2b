/**
 * The exported Python analyzer (`noteTermsPython`) run with /usr/bin/python3 against `noteTerms`, on
 * every fixture note and on cases at the edges of each rule.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { STOP_WORDS, noteTerms } from './tokenize';
import { noteTermsPython } from './python';
import { TEXT_CASES, loadTextCase } from '../__fixtures__/text/load';

const PYTHON = process.env.CODEGEN_PYTHON ?? '/usr/bin/python3';
const hasPython = spawnSync(PYTHON, ['-c', 'pass'], { stdio: 'ignore' }).status === 0;
if (!hasPython) console.warn(`python.test.ts: SKIPPED: ${PYTHON} is missing`);

/** note_terms of each input, as Python gives them (null and numbers stand for pandas' NaN and other non-text cells). */
function pythonTerms(inputs: (string | number | null)[]): string[][] {
  const driver = [...noteTermsPython(), '', 'import json, sys', 'print(json.dumps([note_terms(t) for t in json.load(sys.stdin)]))'].join('\n');
  const out = execFileSync(PYTHON, ['-c', driver], { input: JSON.stringify(inputs), encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['pipe', 'pipe', 'pipe'] });
  return JSON.parse(out) as string[][];
}

const bag = (terms: string[]): string[] => [...terms].sort();

/** Notes at the edges: every code point of the Latin range and its neighbours, each ASCII character, the Han block edges, controls, lengths. */
function edgeNotes(): string[] {
  const notes: string[] = [];
  for (let c = 0x80; c <= 0x2ff; c++) notes.push(`ab${String.fromCharCode(c)}cd x${String.fromCharCode(c)} ${String.fromCharCode(c, c)}`);
  for (let c = 0; c < 0x80; c++) notes.push(`Ab${String.fromCharCode(c)}Cd 1${String.fromCharCode(c)}2 胸${String.fromCharCode(c)}痛`);
  for (const c of [0x33ff, 0x3400, 0x4dbf, 0x4dc0, 0x4dff, 0x4e00, 0x9fff, 0xa000, 0xf8ff, 0xf900, 0xfaff, 0xfb00, 0xff21, 0xff10, 0xd800, 0xdc00]) {
    notes.push(`胸${String.fromCharCode(c)}痛 word${String.fromCharCode(c)}word`);
  }
  notes.push(
    '胸\u{20000}痛 😀pain fever',
    'ＣＴ示ＣＯＰＤ，ｃｏｕｇｈ３天 ＢＰ１４０／９０ Ｘ',
    'The patient is without fever, and not in distress; denies NV. Negative, nor none absent.',
    'İstanbul İİ ǅemal ß SS Ⱥb ɃX',
    '\u0000\u0000\u0000abc def', '\u0000\u0000\u0000\u0000abc def', `${'\ufffd'.repeat(4)}${'x '.repeat(198)}`, `${'\ufffd'.repeat(4)}${'x '.repeat(199)}`,
    'pain '.repeat(20_000), // 100,000 code units: kept
    'pain '.repeat(20_000) + 'x', // 100,001: too long
    '胸'.repeat(99_999) + '\u{20000}', // 100,001 code units but 100,000 code points: too long
    '',
  );
  return notes;
}

describe.skipIf(!hasPython)(`the exported note_terms (${PYTHON}) equals noteTerms`, () => {
  it('on every fixture note, and on edge cases of each rule', () => {
    const notes = TEXT_CASES.flatMap((name) => loadTextCase(name).notes.filter((n): n is string => n !== null));
    notes.push(...edgeNotes());
    const py = pythonTerms(notes);
    expect(py.length).toBe(notes.length);
    let different = 0;
    notes.forEach((note, i) => {
      // the same order too: both walk the runs left to right
      if (JSON.stringify(py[i]) !== JSON.stringify(noteTerms(note))) {
        different++;
        expect(bag(py[i]), `note ${i}: ${JSON.stringify(note.slice(0, 80))}`).toEqual(bag(noteTerms(note)));
      }
    });
    expect(different).toBe(0);
    // the length limit is counted in UTF-16 code units on both sides: 100,000 kept, 100,001 not
    const at = (note: string): string[] => py[notes.indexOf(note)];
    expect(at('pain '.repeat(20_000)).length).toBe(20_000 + 19_999);
    expect(at('pain '.repeat(20_000) + 'x')).toEqual([]);
    expect(at('胸'.repeat(99_999) + '\u{20000}')).toEqual([]);
  });

  it('gives no terms for a missing (non-text) cell, as pandas hands NaN to the analyzer', () => {
    expect(pythonTerms([null, 1.5, 'fever'])).toEqual([[], [], ['fever']]);
  });

  it('carries the stop list, one line per entry', () => {
    const lines = noteTermsPython();
    expect(lines.every((l) => !l.includes('\n'))).toBe(true);
    const script = [...lines, 'import json', 'print(json.dumps(sorted(NOTE_STOP_WORDS)))'].join('\n');
    expect(JSON.parse(execFileSync(PYTHON, ['-c', script], { encoding: 'utf8' })) as string[]).toEqual([...STOP_WORDS].sort());
  });
});
