import { useRef } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  onFile: (file: File) => void;
  disabled: boolean;
}

/** The visible way in: a file picker (keyboard users) that also says files can be dropped anywhere. */
export function DropZone({ onFile, disabled }: Props) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="dropzone">
      <p className="dropzone-lead">{t('load.dropHere')}</p>
      <label className="button primary file-button">
        {t('load.choose')}
        <input
          ref={input}
          data-testid="file-input"
          type="file"
          accept=".csv,.tsv,.txt,text/csv,text/plain"
          disabled={disabled}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) onFile(file);
            e.target.value = ''; // the same file can be chosen again
          }}
        />
      </label>
      <p className="hint">{t('load.formats')}</p>
    </div>
  );
}
