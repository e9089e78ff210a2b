import { useTranslation } from 'react-i18next';
import type { PrepNote } from '../core/prep/prepare';
import type { FileNote } from '../core/ingest/read-table';

type Note = PrepNote | FileNote;

/** Things the user should know about their data, in words; values from the file are plain text. */
export function NoteList({ notes }: { notes: Note[] }) {
  const { t } = useTranslation();
  if (notes.length === 0) return null;
  return (
    <ul className="notes">
      {notes.map((n, k) => (
        <li key={k} data-testid="note" data-kind={n.code}>
          {t(`notes.${n.code}`, noteParams(n))}
        </li>
      ))}
    </ul>
  );
}

function noteParams(n: Note): Record<string, string | number> {
  switch (n.code) {
    case 'renamed-headers':
      return { count: n.renamed.length, list: n.renamed.map((r) => `“${r.from}” → “${r.to}”`).join(', ') };
    case 'ragged-rows':
      return { count: n.count, line: n.firstLine, expected: n.expected, found: n.found };
    case 'constant-features':
      return { count: n.features.length, list: n.features.join(', ') };
    case 'unseen-levels':
      return { count: n.count, column: n.column, examples: n.examples.join(', ') };
    case 'feature-all-missing':
      return { column: n.column };
    case 'rows-missing-outcome':
    case 'rows-dropped-missing':
    case 'rows-missing-split':
    case 'patients-in-both-cohorts':
      return { count: n.count };
    case 'rare-levels-pooled':
      return { column: n.column, count: n.levels, rows: n.rows };
    case 'text-cells-ignored':
      return { column: n.column, cells: n.tooLong + n.binary, tooLong: n.tooLong, binary: n.binary };
    case 'text-mostly-numbers':
      return { column: n.column, share: Math.round(n.share * 100) };
    case 'text-no-terms':
      return { column: n.column, min: n.minPatients, context: n.unit };
    case 'text-terms':
      return { column: n.column, terms: n.terms, eligible: n.eligible, context: n.unit };
    default:
      return {};
  }
}
