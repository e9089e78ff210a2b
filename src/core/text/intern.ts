/**
 * Term ids for the TF-IDF code. A column of 10⁵ notes holds some 10⁶ distinct terms (most of them
 * bigrams seen once); interning them as strings in a Map means building and hashing a string per
 * occurrence, which took seconds. Here the pieces `scanNote` reports are interned instead: a Han
 * character by its code unit (a table), a pair of Han characters or of words by the two numbers (an
 * open-addressing table of integer pairs), a word by its string (a Map over the few thousand distinct
 * words). A term's text is built only for the terms that are kept.
 */
import { isHan, type TermSink } from './tokenize';

/** Han code units U+3400–U+9FFF and U+F900–U+FAFF, numbered 0 … HAN_SPAN − 1. */
const HAN_SPAN = 0x9fff - 0x3400 + 1 + (0xfaff - 0xf900 + 1);
const hanIndex = (c: number): number => (c >= 0xf900 ? c - 0xf900 + (0x9fff - 0x3400 + 1) : c - 0x3400);

/** A hash map from pairs of non-negative int32 to int32 (linear probing, at most half full). */
export class PairTable {
  private mask = 1023;
  private keyA = new Int32Array(1024).fill(-1);
  private keyB = new Int32Array(1024);
  private value = new Int32Array(1024);
  size = 0;

  private slot(a: number, b: number): number {
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b);
    h ^= h >>> 15;
    let i = h & this.mask;
    while (this.keyA[i] !== -1 && (this.keyA[i] !== a || this.keyB[i] !== b)) i = (i + 1) & this.mask;
    return i;
  }

  /** The value of (a, b), or −1. */
  get(a: number, b: number): number {
    const i = this.slot(a, b);
    return this.keyA[i] === -1 ? -1 : this.value[i];
  }

  /** The value of (a, b); when there is none, sets it to `v` (≥ 0) and returns v. One probe either way. */
  getOrSet(a: number, b: number, v: number): number {
    const i = this.slot(a, b);
    if (this.keyA[i] !== -1) return this.value[i];
    this.keyA[i] = a;
    this.keyB[i] = b;
    this.value[i] = v;
    if (2 * ++this.size > this.mask) this.grow();
    return v;
  }

  set(a: number, b: number, v: number): void {
    const i = this.slot(a, b);
    if (this.keyA[i] === -1) {
      this.keyA[i] = a;
      this.keyB[i] = b;
      this.size++;
    }
    this.value[i] = v;
    if (2 * this.size > this.mask) this.grow();
  }

  private grow(): void {
    const { keyA, keyB, value } = this;
    const capacity = 2 * keyA.length;
    this.mask = capacity - 1;
    this.keyA = new Int32Array(capacity).fill(-1);
    this.keyB = new Int32Array(capacity);
    this.value = new Int32Array(capacity);
    this.size = 0;
    for (let i = 0; i < keyA.length; i++) if (keyA[i] !== -1) this.set(keyA[i], keyB[i], value[i]);
  }
}

const HAN = 0, HAN_PAIR = 1, WORD = 2, WORD_PAIR = 3;

/**
 * Counts the terms of one note at a time, interning every term it meets to an id 0, 1, 2, … (in order
 * of first appearance). After `scanNote(text, counter)`, `touched` lists the note's distinct term ids
 * and `inNote[id]` their counts; `clear()` resets both for the next note.
 */
export class NoteCounter implements TermSink {
  private hanTerm = new Int32Array(HAN_SPAN).fill(-1);
  private hanPairs = new PairTable();
  private wordIndex = new Map<string, number>();
  private words: string[] = [];
  private wordTerm: number[] = [];
  private wordPairs = new PairTable();
  private previous = -1;
  /** Per term id: its kind and its one or two parts (a code unit or a word index). */
  private kind = new Uint8Array(1024);
  private partA = new Int32Array(1024);
  private partB = new Int32Array(1024);
  /** Distinct terms seen so far. */
  terms = 0;
  inNote = new Int32Array(1024);
  touched: number[] = [];

  han(c: number): void {
    const k = hanIndex(c);
    let id = this.hanTerm[k];
    if (id < 0) id = this.hanTerm[k] = this.add(HAN, c, -1);
    this.hit(id);
  }

  hanPair(a: number, b: number): void {
    const id = this.hanPairs.getOrSet(hanIndex(a), hanIndex(b), this.terms);
    if (id === this.terms) this.add(HAN_PAIR, a, b);
    this.hit(id);
  }

  word(w: string, follows: boolean): void {
    let index = this.wordIndex.get(w);
    if (index === undefined) {
      index = this.words.push(w) - 1;
      this.wordIndex.set(w, index);
      this.wordTerm.push(this.add(WORD, index, -1));
    }
    this.hit(this.wordTerm[index]);
    if (follows) {
      const id = this.wordPairs.getOrSet(this.previous, index, this.terms);
      if (id === this.terms) this.add(WORD_PAIR, this.previous, index);
      this.hit(id);
    }
    this.previous = index;
  }

  /** Resets the note's counts (`touched`, `inNote`) for the next note. */
  clear(): void {
    for (const id of this.touched) this.inNote[id] = 0;
    this.touched.length = 0;
  }

  /** The text of term `id`, as `noteTerms` writes it. */
  text(id: number): string {
    const a = this.partA[id], b = this.partB[id];
    switch (this.kind[id]) {
      case HAN: return String.fromCharCode(a);
      case HAN_PAIR: return String.fromCharCode(a, b);
      case WORD: return this.words[a];
      default: return `${this.words[a]} ${this.words[b]}`;
    }
  }

  private hit(id: number): void {
    if (this.inNote[id]++ === 0) this.touched.push(id);
  }

  private add(kind: number, a: number, b: number): number {
    const id = this.terms++;
    if (id === this.kind.length) {
      const size = 2 * id;
      this.kind = grown(this.kind, new Uint8Array(size));
      this.partA = grown(this.partA, new Int32Array(size));
      this.partB = grown(this.partB, new Int32Array(size));
      this.inNote = grown(this.inNote, new Int32Array(size));
    }
    this.kind[id] = kind;
    this.partA[id] = a;
    this.partB[id] = b;
    return id;
  }
}

function grown<A extends Uint8Array | Int32Array>(from: A, to: A): A {
  to.set(from);
  return to;
}

/**
 * Counts a fitted vocabulary's terms in one note at a time: `tf[j]` is the count of terms[j] and
 * `touched` the columns met, after `scanNote(text, index)`; `clear()` resets them. Pieces outside the
 * vocabulary are looked up and dropped, never interned.
 */
export class VocabularyIndex implements TermSink {
  private hanCol = new Int32Array(HAN_SPAN).fill(-1);
  private hanPairCol = new PairTable();
  /** Words that are a vocabulary term or part of one, numbered. */
  private wordIndex = new Map<string, number>();
  private wordCol: number[] = [];
  private wordPairCol = new PairTable();
  private previous = -1;
  tf: Float64Array;
  touched: number[] = [];

  /**
   * Reads each term back into its pieces: one or two Han characters; two words joined by a space; one
   * word. A term that is none of these (not made by `noteTerms`) never matches.
   */
  constructor(terms: readonly string[]) {
    this.tf = new Float64Array(terms.length);
    const wordOf = (w: string): number => {
      let index = this.wordIndex.get(w);
      if (index === undefined) {
        index = this.wordCol.push(-1) - 1;
        this.wordIndex.set(w, index);
      }
      return index;
    };
    terms.forEach((term, j) => {
      const c = term.charCodeAt(0);
      if (isHan(c)) {
        if (term.length === 1) this.hanCol[hanIndex(c)] = j;
        else if (term.length === 2 && isHan(term.charCodeAt(1))) this.hanPairCol.set(hanIndex(c), hanIndex(term.charCodeAt(1)), j);
        return;
      }
      const parts = term.split(' ');
      if (parts.length === 1 && term.length > 0) this.wordCol[wordOf(term)] = j;
      else if (parts.length === 2 && parts[0] && parts[1]) this.wordPairCol.set(wordOf(parts[0]), wordOf(parts[1]), j);
    });
  }

  han(c: number): void {
    this.hit(this.hanCol[hanIndex(c)]);
  }

  hanPair(a: number, b: number): void {
    this.hit(this.hanPairCol.get(hanIndex(a), hanIndex(b)));
  }

  word(w: string, follows: boolean): void {
    const index = this.wordIndex.get(w) ?? -1;
    if (index >= 0) this.hit(this.wordCol[index]);
    if (follows && index >= 0 && this.previous >= 0) this.hit(this.wordPairCol.get(this.previous, index));
    this.previous = index;
  }

  clear(): void {
    for (const j of this.touched) this.tf[j] = 0;
    this.touched.length = 0;
  }

  private hit(j: number): void {
    if (j >= 0 && this.tf[j]++ === 0) this.touched.push(j);
  }
}
