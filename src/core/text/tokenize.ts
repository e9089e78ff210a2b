/**
 * The analyzer of free-text columns (主诉, 现病史, "chief complaint", "diagnosis"): which terms one
 * note contributes to its TF-IDF features. The rules are stated exactly, in code units and code
 * points, so that the exported scikit-learn script reproduces them (`python.ts` holds the same
 * function in Python, `TfidfVectorizer(analyzer=note_terms, …)`), and so that a fixture generator can
 * implement them independently (`__fixtures__/text/make_tfidf.py`):
 *
 * 1. Ignored cells (see `ignoredCell`): a cell longer than MAX_NOTE_LENGTH UTF-16 code units, or one
 *    that looks binary, yields no terms.
 * 2. Han characters: CJK Unified Ideographs U+4E00–U+9FFF, Extension A U+3400–U+4DBF and the
 *    compatibility ideographs U+F900–U+FAFF. Chinese is written without spaces and a word segmenter
 *    would be a large, version-dependent dictionary; character unigrams and bigrams carry most of the
 *    signal instead (胸痛 → 胸, 痛, 胸痛). Each maximal run of Han characters gives its characters and
 *    its adjacent-character pairs; a pair never spans a non-Han character (胸痛3天 gives 胸, 痛, 胸痛, 天).
 * 3. Latin-script words: a word is a maximal run of word characters, which are the ASCII letters
 *    A–Z a–z, the Latin letters U+00C0–U+024F except × U+00D7, ÷ U+00F7 and İ U+0130, and the ASCII
 *    digits 0–9. İ is left out because it is the one letter of the range whose lower case is two
 *    characters (i + U+0307); for every other one, JavaScript's `toLowerCase` and Python's
 *    `str.lower` give the same single character (python.test.ts runs every code point of the range
 *    through both), so a word is lower-cased as a whole. A word is dropped when it has no letter (numbers belong in
 *    numeric columns, and record numbers must not become terms: 140/90 and 2023 give nothing), when
 *    it is one character long, or when it is in STOP_WORDS. The kept words give their unigrams and
 *    the bigrams of consecutive kept words, joined by one space. As in scikit-learn's `_word_ngrams`,
 *    dropped words are removed before bigrams are made and punctuation does not stop a bigram
 *    ("pain, no fever" gives "pain no" and "no fever"); a Han character does (the word sequence
 *    restarts after each Han run, so "CT示…，COPD" gives no "ct copd").
 *    Fullwidth digits and letters (U+FF10–FF19, FF21–FF3A, FF41–FF5A: ＣＴ, ３, as Chinese input methods
 *    write them) are read as their ASCII forms first, so "ＣＴ" and "CT" are one term.
 * 4. Everything else only separates: spaces, punctuation (an apostrophe too: "don't" gives "don"),
 *    other scripts, characters beyond the BMP (CJK Extension B and later), lone surrogates.
 *
 * Order of the output (`noteTerms`): text order of the runs; a Han run gives its unigrams, then its
 * bigrams, left to right; a kept word gives itself, then its bigram with the previous kept word.
 * TF-IDF counts terms and does not depend on this order.
 *
 * Every term is made of BMP characters (Han, Latin letters and their lower cases, digits, a space),
 * so JavaScript's string comparison (UTF-16 code units) orders terms as Python's sorted() (code points).
 */

/** A cell longer than this (UTF-16 code units) yields no terms: no note is that long; a pasted file or blob is. */
export const MAX_NOTE_LENGTH = 100_000;
/**
 * A cell with at least BINARY_MIN_COUNT control characters (U+0000–U+0008, U+000E–U+001F) or
 * replacement characters (U+FFFD), that are at least one in BINARY_ONE_IN of its UTF-16 code units,
 * looks binary (an embedded file, or text read in the wrong encoding) and yields no terms.
 */
export const BINARY_MIN_COUNT = 4;
/** See BINARY_MIN_COUNT. */
export const BINARY_ONE_IN = 100;

/**
 * English words that carry no clinical meaning, dropped before bigrams are made: articles and
 * determiners, common prepositions and conjunctions, auxiliary verbs, pronouns. Never negations
 * ("no", "not", "nor", "none", "without", "denies", "negative", "absent", "never" and the "n't"
 * stems "don", "doesn", "isn", …): they invert a finding, and "no fever" must stay a term. "as"
 * and "us" are kept, because AS (aortic stenosis) and US (ultrasound) are written that way; words
 * of time and place ("after", "before", "since", "during", "above", "below", "left", "right") are
 * kept too.
 */
export const STOP_WORDS: readonly string[] = [
  'a', 'am', 'an', 'and', 'are', 'at', 'be', 'been', 'being', 'but', 'by', 'can', 'could', 'did', 'do',
  'does', 'for', 'from', 'had', 'has', 'have', 'having', 'he', 'her', 'hers', 'him', 'his', 'i', 'if',
  'in', 'into', 'is', 'it', 'its', 'may', 'me', 'might', 'must', 'my', 'of', 'on', 'onto', 'or', 'our',
  'ours', 'shall', 'she', 'should', 'so', 'than', 'that', 'the', 'their', 'theirs', 'them', 'then',
  'there', 'these', 'they', 'this', 'those', 'to', 'via', 'was', 'we', 'were', 'what', 'which', 'who',
  'whom', 'will', 'with', 'would', 'you', 'your', 'yours',
];
const STOP = new Set(STOP_WORDS);

/** Why a cell yields no terms: longer than MAX_NOTE_LENGTH, or binary-looking; null for a note. */
export type IgnoredCell = 'too-long' | 'binary' | null;

/**
 * Whether a cell is left out of the text features: 'too-long' when it has more than MAX_NOTE_LENGTH
 * UTF-16 code units; 'binary' when it has at least BINARY_MIN_COUNT characters of U+0000–U+0008,
 * U+000E–U+001F and U+FFFD and they are at least one in BINARY_ONE_IN of its code units (one stray
 * replacement character in a long note does not count; a cell of NUL bytes, or a note read in the wrong
 * encoding, does); else null. Tab, line feed, vertical tab, form feed and carriage return are ordinary
 * white space.
 */
export function ignoredCell(text: string): IgnoredCell {
  const n = text.length;
  if (n > MAX_NOTE_LENGTH) return 'too-long';
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x08 || (c >= 0x0e && c <= 0x1f) || c === 0xfffd) bad++;
  }
  return bad >= BINARY_MIN_COUNT && bad * BINARY_ONE_IN >= n ? 'binary' : null;
}

/** A Han character (CJK Unified Ideographs, Extension A, compatibility ideographs), by UTF-16 code unit. */
export function isHan(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
}

/** A letter of a Latin word: A–Z, a–z, U+00C0–U+024F except ×, ÷ and İ. */
export function isLatinLetter(c: number): boolean {
  const lower = c | 0x20; // A–Z → a–z; no other code unit below U+0080 lands in a–z
  return (lower >= 0x61 && lower <= 0x7a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7 && c !== 0x130);
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/**
 * The pieces terms are made of, as `scanNote` finds them: callers that count terms (the TF-IDF fit and
 * transform) intern these to integer ids without building a string per occurrence; `noteTerms` builds
 * the strings.
 */
export interface TermSink {
  /** A Han character (its UTF-16 code unit): the unigram term of that character. */
  han(c: number): void;
  /** Two adjacent Han characters of one run: the bigram term a + b. */
  hanPair(a: number, b: number): void;
  /**
   * A kept word, lower-cased: its unigram term, and when `follows` (a kept word came before it since
   * the last Han run) the bigram term `${previous word} ${word}`.
   */
  word(w: string, follows: boolean): void;
}

/**
 * Reads one note by the rules above and reports its term pieces to `sink`, in text order: a Han run's
 * characters, then its adjacent pairs; each kept word. Nothing for an ignored cell. The one
 * implementation of the rules: `noteTerms` and the TF-IDF code both read notes through it.
 */
export function scanNote(text: string, sink: TermSink): void {
  if (ignoredCell(text) === null) scanTerms(text, sink);
}

/** Fullwidth digits and Latin letters (ＣＴ, ３, as Chinese input methods write them), read as their ASCII forms. */
const FULLWIDTH = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/;
const FULLWIDTH_ALL = new RegExp(FULLWIDTH.source, 'g');
const fold = (text: string): string => (FULLWIDTH.test(text) ? text.replace(FULLWIDTH_ALL, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)) : text);

/** `scanNote` without rule 1, for a caller that has found `ignoredCell(text)` to be null already. */
export function scanTerms(raw: string, sink: TermSink): void {
  const text = fold(raw);
  const n = text.length;
  let follows = false; // a kept word came since the last Han run
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isHan(c)) {
      let j = i + 1;
      while (j < n && isHan(text.charCodeAt(j))) j++;
      for (let k = i; k < j; k++) sink.han(text.charCodeAt(k));
      for (let k = i; k + 1 < j; k++) sink.hanPair(text.charCodeAt(k), text.charCodeAt(k + 1));
      follows = false;
      i = j;
    } else if (isLatinLetter(c) || isDigit(c)) {
      let letters = !isDigit(c);
      let lower = c < 0x41 || (c >= 0x61 && c <= 0x7a); // a digit or a–z: no A–Z, nothing beyond ASCII yet
      let j = i + 1;
      for (; j < n; j++) {
        const d = text.charCodeAt(j);
        if (isLatinLetter(d)) {
          letters = true;
          if (d < 0x61 || d > 0x7a) lower = false;
        } else if (!isDigit(d)) break;
      }
      if (letters && j - i > 1) {
        const piece = text.substring(i, j);
        const word = lower ? piece : piece.toLowerCase();
        if (!STOP.has(word)) {
          sink.word(word, follows);
          follows = true;
        }
      }
      i = j;
    } else i++;
  }
}

/**
 * The term occurrences of one note (the analyzer): see the rules at the top of this file. Order: text
 * order of the runs; a Han run gives its unigrams, then its bigrams, left to right; a kept word gives
 * itself, then its bigram with the previous kept word.
 */
export function noteTerms(text: string): string[] {
  const out: string[] = [];
  let previous = '';
  scanNote(text, {
    han: (c) => out.push(String.fromCharCode(c)),
    hanPair: (a, b) => out.push(String.fromCharCode(a, b)),
    word: (w, follows) => {
      out.push(w);
      if (follows) out.push(`${previous} ${w}`);
      previous = w;
    },
  });
  return out;
}

/**
 * A cell that is a number or a reading and no words: it has an ASCII digit, and no Han character and
 * no Latin letter ("12.5", "130/80", "<0.01"). A text column made mostly of these is a numeric column
 * stored as text, and its TF-IDF terms would be empty.
 */
export function looksNumeric(text: string): boolean {
  let digit = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isDigit(c)) digit = true;
    else if (isHan(c) || isLatinLetter(c)) return false;
  }
  return digit;
}
