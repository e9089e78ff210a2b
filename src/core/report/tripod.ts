/**
 * The TRIPOD+AI checklist (Collins et al., BMJ 2024;385:e078378: 27 items, some with parts) for a
 * study that develops a model with internal validation, and where the app's report answers each item:
 * a section of the report, an author's field (filled in the app and kept in the model file), or
 * "to be completed by the author" (what only the author knows: funding, ethics, the clinical context).
 * The topics are short paraphrases; the checklist itself is the reference.
 */

/** The report's sections an item can point to (their ids in the report's HTML). */
export type ReportSection =
  | 'title' | 'details' | 'flow' | 'characteristics' | 'sample-size' | 'missing' | 'preprocessing' | 'model'
  | 'equation' | 'performance' | 'forest' | 'decision-curve' | 'validation' | 'limitations';

/** An author's field of the report (kept in the model file). */
export type AuthorField = 'population' | 'source' | 'dates' | 'setting' | 'eligibility' | 'intendedUse' | 'intendedUsers';

export interface TripodItem {
  id: string;
  /** The part of the paper: title, abstract, introduction, methods, open science, patient involvement, results, discussion. */
  part: 'title' | 'abstract' | 'introduction' | 'methods' | 'open-science' | 'patients' | 'results' | 'discussion';
  /** i18n key of the item's topic: `tripod.items.<id>`. */
  where: { section?: ReportSection; field?: AuthorField; author?: true };
}

export const TRIPOD_AI_ITEMS: readonly TripodItem[] = [
  { id: '1', part: 'title', where: { section: 'title', field: 'population' } },
  { id: '2', part: 'abstract', where: { author: true } },
  { id: '3a', part: 'introduction', where: { author: true } },
  { id: '3b', part: 'introduction', where: { field: 'intendedUsers', section: 'details' } },
  { id: '3c', part: 'introduction', where: { author: true } },
  { id: '4', part: 'introduction', where: { section: 'title' } },
  { id: '5a', part: 'methods', where: { field: 'source', section: 'details' } },
  { id: '5b', part: 'methods', where: { field: 'dates', section: 'details' } },
  { id: '6a', part: 'methods', where: { field: 'setting', section: 'details' } },
  { id: '6b', part: 'methods', where: { field: 'eligibility', section: 'details' } },
  { id: '6c', part: 'methods', where: { author: true } },
  { id: '7', part: 'methods', where: { section: 'preprocessing' } },
  { id: '8a', part: 'methods', where: { section: 'title', author: true } },
  { id: '8b', part: 'methods', where: { author: true } },
  { id: '8c', part: 'methods', where: { author: true } },
  { id: '9a', part: 'methods', where: { section: 'characteristics', author: true } },
  { id: '9b', part: 'methods', where: { author: true } },
  { id: '9c', part: 'methods', where: { author: true } },
  { id: '10', part: 'methods', where: { section: 'sample-size' } },
  { id: '11', part: 'methods', where: { section: 'missing' } },
  { id: '12a', part: 'methods', where: { section: 'flow' } },
  { id: '12b', part: 'methods', where: { section: 'preprocessing' } },
  { id: '12c', part: 'methods', where: { section: 'model' } },
  { id: '12d', part: 'methods', where: { author: true } },
  { id: '12e', part: 'methods', where: { section: 'performance' } },
  { id: '12f', part: 'methods', where: { section: 'validation' } },
  { id: '12g', part: 'methods', where: { section: 'equation' } },
  { id: '13', part: 'methods', where: { section: 'model' } },
  { id: '14', part: 'methods', where: { section: 'validation', author: true } },
  { id: '15', part: 'methods', where: { section: 'performance' } },
  { id: '16', part: 'methods', where: { section: 'characteristics' } },
  { id: '17', part: 'methods', where: { author: true } },
  { id: '18a', part: 'open-science', where: { author: true } },
  { id: '18b', part: 'open-science', where: { author: true } },
  { id: '18c', part: 'open-science', where: { author: true } },
  { id: '18d', part: 'open-science', where: { author: true } },
  { id: '18e', part: 'open-science', where: { author: true } },
  { id: '18f', part: 'open-science', where: { section: 'equation' } },
  { id: '19', part: 'patients', where: { author: true } },
  { id: '20a', part: 'results', where: { section: 'flow' } },
  { id: '20b', part: 'results', where: { section: 'characteristics' } },
  { id: '20c', part: 'results', where: { section: 'characteristics' } },
  { id: '21', part: 'results', where: { section: 'flow' } },
  { id: '22', part: 'results', where: { section: 'equation' } },
  { id: '23a', part: 'results', where: { section: 'performance' } },
  { id: '23b', part: 'results', where: { author: true } },
  { id: '24', part: 'results', where: { section: 'validation' } },
  { id: '25', part: 'discussion', where: { author: true } },
  { id: '26', part: 'discussion', where: { section: 'limitations' } },
  { id: '27a', part: 'discussion', where: { section: 'missing' } },
  { id: '27b', part: 'discussion', where: { field: 'intendedUse', section: 'details' } },
  { id: '27c', part: 'discussion', where: { author: true } },
];

/** The items' numbers, 1 to 27: every one must appear (the test checks it). */
export const TRIPOD_AI_ITEM_NUMBERS = Array.from({ length: 27 }, (_, k) => String(k + 1));
