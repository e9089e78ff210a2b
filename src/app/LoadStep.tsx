import { useTranslation } from 'react-i18next';
import { DropZone } from '../components/DropZone';
import { FileButton } from '../components/FileButton';
import { SAMPLES, type Sample } from './samples';

/** Step 1: a file from this computer (picker or drop), or a bundled sample for a demo. */
export function LoadStep({ busy, onFile, onSample, onModelFile }: { busy: boolean; onFile: (f: File) => void; onSample: (s: Sample) => void; onModelFile: (f: File) => void }) {
  const { t } = useTranslation();
  return (
    <div className="load">
      <DropZone onFile={onFile} disabled={busy} />
      <p className="samples-label">{t('load.samples')}</p>
      <div className="samples">
        {SAMPLES.map((s) => (
          <button key={s.id} type="button" className="secondary" data-testid={`sample-${s.id}`} disabled={busy} onClick={() => onSample(s)}>
            {t(`samples.${s.id}.name`)}
            <span className="small muted">{t(`samples.${s.id}.detail`)}</span>
          </button>
        ))}
      </div>
      <p className="samples-label">{t('load.modelFile')}</p>
      <FileButton label={t('load.chooseModel')} testId="model-file-input" accept=".json,application/json" disabled={busy} onFile={onModelFile} />
    </div>
  );
}
