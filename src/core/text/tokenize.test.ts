import { describe, expect, it } from 'vitest';
import { BINARY_MIN_COUNT, MAX_NOTE_LENGTH, STOP_WORDS, ignoredCell, looksNumeric, noteTerms } from './tokenize';
import { TEXT_CASES, loadTextCase } from '../__fixtures__/text/load';

/** A multiset as a sorted list (the analyzer's order is not part of its contract). */
const bag = (terms: string[]): string[] => [...terms].sort();

describe('noteTerms equals the independent Python analyzer of make_tfidf.py', () => {
  it.each(TEXT_CASES)('%s notes', (name) => {
    const c = loadTextCase(name);
    let compared = 0;
    c.notes.forEach((note, i) => {
      if (note === null) return;
      expect(bag(noteTerms(note)), `row ${i}: ${JSON.stringify(note)}`).toEqual(bag(c.terms[i]!));
      compared++;
    });
    expect(compared).toBeGreaterThan(100);
  });

  it('with the same stop list', () => {
    expect([...STOP_WORDS].sort()).toEqual(loadTextCase('english').stopWords);
    expect(noteTerms(STOP_WORDS.join(' '))).toEqual([]);
  });
});

describe('noteTerms by hand', () => {
  it('Han runs give characters and adjacent pairs, never across a non-Han character', () => {
    expect(noteTerms('胸痛3天')).toEqual(['胸', '痛', '胸痛', '天']);
    expect(bag(noteTerms('咳嗽伴发热'))).toEqual(bag(['咳', '嗽', '伴', '发', '热', '咳嗽', '嗽伴', '伴发', '发热']));
    expect(noteTerms('无明显诱因，胸闷')).toEqual(['无', '明', '显', '诱', '因', '无明', '明显', '显诱', '诱因', '胸', '闷', '胸闷']);
  });

  it('knows the Han ranges: Extension A and compatibility ideographs are Han; hexagrams, Extension B and fullwidth forms separate', () => {
    expect(noteTerms('㐀㐁')).toEqual(['㐀', '㐁', '㐀㐁']); // U+3400, U+3401
    expect(noteTerms('豈更')).toEqual(['豈', '更', '豈更']); // U+F900, U+F901
    expect(noteTerms('胸\u4dc0痛')).toEqual(['胸', '痛']); // U+4DC0 (a hexagram) lies between the two blocks
    expect(noteTerms('胸\u{20000}痛')).toEqual(['胸', '痛']); // Extension B: a surrogate pair
    expect(noteTerms('胸、痛')).toEqual(['胸', '痛']);
    // fullwidth letters and digits are read as ASCII: one term with the halfwidth spelling
    expect(noteTerms('ＣＴ３天，ｃｏｐｄ')).toEqual(noteTerms('CT3天，copd'));
    expect(noteTerms('ＣＴ３天，ｃｏｐｄ')).toEqual(['ct3', '天', 'copd']); // the Han run starts a new word sequence
  });

  it('lower-cases words, joins consecutive kept words across punctuation, and keeps negations', () => {
    expect(noteTerms('Chest pain, NO fever.')).toEqual(['chest', 'pain', 'chest pain', 'no', 'pain no', 'fever', 'no fever']);
    expect(noteTerms('The patient denies chest pain')).toEqual([
      'patient', 'denies', 'patient denies', 'chest', 'denies chest', 'pain', 'chest pain',
    ]);
    // stop words go before bigrams are made (scikit-learn's _word_ngrams): "pain in the chest" gives "pain chest"
    expect(noteTerms('pain in the chest')).toEqual(['pain', 'chest', 'pain chest']);
    const negations = ['no', 'not', 'without', 'denies', 'negative', 'nor', 'none', 'absent'];
    expect(noteTerms(negations.join(' ')).filter((t) => !t.includes(' '))).toEqual(negations);
    for (const w of negations) expect(STOP_WORDS).not.toContain(w);
    expect(noteTerms('Severe AS; US of the abdomen')).toEqual(['severe', 'as', 'severe as', 'us', 'as us', 'abdomen', 'us abdomen']);
  });

  it('drops numbers and single letters but keeps digits inside words', () => {
    expect(noteTerms('BP 140/90, HR 88')).toEqual(['bp', 'hr', 'bp hr']);
    expect(noteTerms('COVID19 and B12 in 2023')).toEqual(['covid19', 'b12', 'covid19 b12']);
    expect(noteTerms('cough x2 weeks, a b c')).toEqual(['cough', 'x2', 'cough x2', 'weeks', 'x2 weeks']);
    expect(noteTerms('MRN 000123456')).toEqual(['mrn']);
    expect(noteTerms('12.5')).toEqual([]);
  });

  it('reads Latin letters U+00C0–U+024F except ×, ÷ and İ, and lower-cases them', () => {
    expect(noteTerms('Ménière ÉCHO Sjögren')).toEqual(['ménière', 'écho', 'ménière écho', 'sjögren', 'écho sjögren']);
    expect(noteTerms('3×4cm')).toEqual(['4cm']);
    expect(noteTerms('ab÷cd')).toEqual(['ab', 'cd', 'ab cd']);
    expect(noteTerms('İstanbul')).toEqual(['stanbul']);
    expect(noteTerms('ǅemal Ƀx')).toEqual(['ǆemal', 'ƀx', 'ǆemal ƀx']);
  });

  it('restarts the word sequence after a Han run', () => {
    expect(noteTerms('CT示右肺 COPD')).toEqual(['ct', '示', '右', '肺', '示右', '右肺', 'copd']);
    expect(noteTerms('BP 140/90 mmHg，HR 88次/分')).toEqual(['bp', 'mmhg', 'bp mmhg', 'hr', 'mmhg hr', '次', '分']);
  });

  it('gives nothing for empty, too long and binary-looking cells, and keeps a note with one stray replacement character', () => {
    expect(noteTerms('')).toEqual([]);
    expect(noteTerms('   ,.;')).toEqual([]);
    const long = 'chest pain '.repeat(20_000); // 220,000 code units
    expect(ignoredCell(long)).toBe('too-long');
    expect(noteTerms(long)).toEqual([]);
    expect(ignoredCell('a'.repeat(MAX_NOTE_LENGTH))).toBeNull();
    const binary = 'PK\u0003\u0004\u0000\u0000\u0008\u0000 chest pain';
    expect(ignoredCell(binary)).toBe('binary');
    expect(noteTerms(binary)).toEqual([]);
    expect(ignoredCell('\u0000'.repeat(BINARY_MIN_COUNT - 1) + 'xy')).toBeNull(); // three controls: a stray, not binary
    expect(ignoredCell('\ufffd'.repeat(4) + 'x'.repeat(396))).toBe('binary'); // 4 in 400: 1 in 100
    expect(ignoredCell('\ufffd'.repeat(4) + 'x'.repeat(397))).toBeNull(); // 4 in 401: under 1 in 100
    expect(noteTerms('咳嗽\ufffd，发热')).toEqual(['咳', '嗽', '咳嗽', '发', '热', '发热']);
    expect(noteTerms('chest\tpain\r\nfever')).toEqual(['chest', 'pain', 'chest pain', 'fever', 'pain fever']);
  });

  it('tells numbers from notes', () => {
    for (const x of ['12.5', '130/80', '<0.01', ' 7 ']) expect(looksNumeric(x), x).toBe(true);
    for (const x of ['', 'n/a', '12.5 mg', '3天', '-']) expect(looksNumeric(x), x).toBe(false);
  });
});
