/**
 * What only the author of a model knows and a report must say (TRIPOD+AI items 1, 3b, 5a, 5b, 6a, 6b,
 * 27b): the target population, the source of the data and its dates, the setting, who was eligible,
 * the intended use and users. Filled in the app, shown in the report, kept in the model file. Free text,
 * always rendered as text.
 */
import { z } from 'zod';
import type { AuthorField } from './tripod';

export type ModelDescription = Record<AuthorField, string>;

export const AUTHOR_FIELDS: readonly AuthorField[] = ['population', 'source', 'dates', 'setting', 'eligibility', 'intendedUse', 'intendedUsers'];

/** The longest text a field keeps (a paragraph or two). */
export const MAX_DESCRIPTION_LENGTH = 2000;

const field = z.string().max(MAX_DESCRIPTION_LENGTH);
export const modelDescriptionSchema = z.strictObject({
  population: field, source: field, dates: field, setting: field, eligibility: field, intendedUse: field, intendedUsers: field,
});

export function emptyDescription(): ModelDescription {
  return { population: '', source: '', dates: '', setting: '', eligibility: '', intendedUse: '', intendedUsers: '' };
}

/** A description from anything (a form, a message): known fields, trimmed, cut to the longest allowed. */
export function cleanDescription(value: unknown): ModelDescription {
  const out = emptyDescription();
  if (value && typeof value === 'object') {
    for (const k of AUTHOR_FIELDS) {
      const v = (value as Record<string, unknown>)[k];
      if (typeof v === 'string') out[k] = v.trim().slice(0, MAX_DESCRIPTION_LENGTH);
    }
  }
  return out;
}

export const isEmptyDescription = (d: ModelDescription | null | undefined): boolean => !d || AUTHOR_FIELDS.every((k) => d[k] === '');
