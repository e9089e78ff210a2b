/** Test helpers: the TF-IDF fixtures made by make_tfidf.py (beside this file, scikit-learn 1.2.1). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface TextCase {
  name: string;
  options: { maxTerms: number; minPatients: number; sublinearTf: boolean };
  /** Per row: the cell, or null when missing. */
  notes: (string | null)[];
  /** Per row: the patient key, or null (no key); null for the whole case when it has no patient key. */
  patients: (string | null)[] | null;
  train: number[];
  test: number[];
  /** Per row: the Python analyzer's terms of the note (null when missing). */
  terms: (string[] | null)[];
  /** The fixture analyzer's English stop list, sorted. */
  stopWords: string[];
  vocabulary: string[];
  eligible: number;
  /** Training cells that gave no terms for being too long or binary-looking. */
  ignored: { tooLong: number; binary: number };
  idf: number[];
  trainX: number[][];
  testX: number[][];
  /** patients.json: the planted name and record number terms, their rows, and the vocabulary by rows. */
  planted?: string[];
  plantedRows?: number[];
  byRows?: { vocabulary: string[]; eligible: number };
}

export const TEXT_CASES = ['chinese', 'english', 'mixed', 'sublinear', 'patients'] as const;

export function loadTextCase(name: (typeof TEXT_CASES)[number]): TextCase {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`./${name}.json`, import.meta.url)), 'utf8')) as TextCase;
}
