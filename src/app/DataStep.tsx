import { useTranslation } from 'react-i18next';
import type { DatasetSummary } from '../worker/api';
import { ProfileTable } from '../components/ProfileTable';
import { NoteList } from './NoteList';
import { formatBytes, formatCount } from './format';

/** Step 2: what was loaded (rows, columns, encoding) and how each column was read. */
export function DataStep({ dataset: d, onDeriveAge }: { dataset: DatasetSummary; onDeriveAge: (column: string) => void }) {
  const { t } = useTranslation();
  const delimiter = t(`delimiters.${d.delimiter === '\t' ? 'tab' : d.delimiter === ';' ? 'semicolon' : d.delimiter === '|' ? 'pipe' : 'comma'}`);
  return (
    <div className="data-step">
      <p className="dataset-summary" data-testid="dataset-summary" data-rows={d.rows} data-cols={d.cols}>
        <strong className="filename">{d.fileName}</strong>{' '}
        {t('data.summary', { rows: formatCount(d.rows), cols: formatCount(d.cols), size: formatBytes(d.fileBytes) })}{' '}
        <span className="muted">
          {t('data.format', { encoding: d.encoding.toUpperCase(), delimiter })}
          {d.decimalComma ? `, ${t('data.decimalComma')}` : ''}
        </span>
      </p>
      <NoteList notes={d.fileNotes} />
      <ProfileTable columns={d.columns} rows={d.rows} onDeriveAge={onDeriveAge} />
    </div>
  );
}
