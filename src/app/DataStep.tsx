import { memo, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { DatasetSummary } from '../worker/api';
import { ProfileTable } from '../components/ProfileTable';
import { NoteList } from './NoteList';
import { formatBytes, formatCount } from './format';

interface Props {
  dataset: DatasetSummary;
  onDeriveAge: (column: string) => void;
  /** Choose the column that identifies the patient, or none (null). */
  onPatientKey: (column: string | null) => void;
  /** Unflag a column the detection took for an identifier (or flag it again). */
  onNotIdentifier: (column: string, notIdentifier: boolean) => void;
  busy: boolean;
}

/** Step 2: what was loaded (rows, columns, encoding), whose rows they are (the patient key), and how each column was read. */
export const DataStep = memo(function DataStep({ dataset: d, onDeriveAge, onPatientKey, onNotIdentifier, busy }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const delimiter = t(`delimiters.${d.delimiter === '\t' ? 'tab' : d.delimiter === ';' ? 'semicolon' : d.delimiter === '|' ? 'pipe' : 'comma'}`);
  return (
    <div className="data-step">
      <p className="dataset-summary" data-testid="dataset-summary" data-rows={d.rows} data-cols={d.cols} data-patients={d.patients}>
        <strong className="filename">{d.fileName}</strong>{' '}
        {t('data.summary', { rows: formatCount(d.rows), cols: formatCount(d.cols), size: formatBytes(d.fileBytes) })}{' '}
        <span className="muted">
          {t('data.format', { encoding: d.encoding.toUpperCase(), delimiter })}
          {d.decimalComma ? `, ${t('data.decimalComma')}` : ''}
        </span>
      </p>
      <div className="patient-key">
        <label htmlFor={`${id}-key`}>{t('data.patientKey')}</label>
        <select id={`${id}-key`} data-testid="patient-key-select" value={d.patientKey ?? ''} disabled={busy} aria-describedby={`${id}-key-hint`} onChange={(e) => onPatientKey(e.target.value === '' ? null : e.target.value)}>
          <option value="">{t('data.patientKeyNone')}</option>
          {d.columns.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name}
            </option>
          ))}
        </select>
        <p className="hint" id={`${id}-key-hint`}>
          {d.patientKey === null
            ? t('data.eachRowAPatient', { rows: formatCount(d.rows) })
            : t('data.rowsFromPatients', { rows: formatCount(d.rows), patients: formatCount(d.patients), key: d.patientKey })}
        </p>
      </div>
      <NoteList notes={d.fileNotes} />
      <ProfileTable columns={d.columns} rows={d.rows} onDeriveAge={onDeriveAge} onNotIdentifier={onNotIdentifier} />
    </div>
  );
});
