import { useTranslation } from 'react-i18next';
import type { BatchPreview } from '../../worker/api';
import { formatCount } from '../format';
import { CSV_ACCEPT, FileButton } from '../../components/FileButton';

interface Props {
  batch: BatchPreview | null;
  busy: boolean;
  onFile: (file: File) => void;
  onDownload: () => void;
}

/** Scoring a file of new patients: drop or choose it, see a preview, download it with the risks. */
export function BatchPanel({ batch, busy, onFile, onDownload }: Props) {
  const { t } = useTranslation();
  return (
    <div className="batch">
      <p className="hint">{t('batch.hint')}</p>
      <FileButton label={t('batch.choose')} testId="batch-file-input" accept={CSV_ACCEPT} disabled={busy} onFile={onFile} />
      {batch && (
        <div className="batch-result">
          <p data-testid="batch-summary" data-rows={batch.rows} data-scored={batch.scored}>
            {t('batch.summary', {
              file: batch.fileName,
              rows: formatCount(batch.rows),
              scored: formatCount(batch.scored),
              events: formatCount(batch.predictedEvents),
              notScored: formatCount(batch.notScored),
              flagged: formatCount(batch.flagged),
            })}
          </p>
          {batch.patients && (
            <p className="hint" data-testid="batch-patients" data-value={batch.patients.count}>
              {t('batch.patients', { rows: formatCount(batch.rows), patients: formatCount(batch.patients.count), key: batch.patients.key })}
            </p>
          )}
          {batch.droppedColumns.length > 0 && (
            <p className="hint" data-testid="batch-dropped">
              {t('batch.dropped', { columns: batch.droppedColumns.join(', ') })}
            </p>
          )}
          <button type="button" className="primary" data-testid="batch-download" onClick={onDownload}>
            {t('batch.download')}
          </button>
          <div className="table-scroll batch-preview">
            <table>
              <caption>{t('batch.previewCaption', { count: batch.preview.length })}</caption>
              <thead>
                <tr>
                  {batch.header.map((h, k) => (
                    <th key={k} scope="col">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {batch.preview.map((row, i) => (
                  <tr key={i}>
                    {row.map((cell, k) => (
                      <td key={k}>{cell}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </div>
  );
}
