import { useTranslation } from 'react-i18next';
import { CSV_ACCEPT, FileButton } from './FileButton';

interface Props {
  onFile: (file: File) => void;
  disabled: boolean;
}

/** The visible way in: a file picker (keyboard users) that also says files can be dropped anywhere. */
export function DropZone({ onFile, disabled }: Props) {
  const { t } = useTranslation();
  return (
    <div className="dropzone">
      <p className="dropzone-lead">{t('load.dropHere')}</p>
      <FileButton label={t('load.choose')} testId="file-input" accept={CSV_ACCEPT} disabled={disabled} className="primary" onFile={onFile} />
      <p className="hint">{t('load.formats')}</p>
    </div>
  );
}
