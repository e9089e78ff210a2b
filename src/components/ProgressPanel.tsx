import { useTranslation } from 'react-i18next';
import type { Progress } from '../worker/api';
import type { Task } from '../app/useWorkbench';

interface Props {
  task: Task;
  progress: Progress | null;
  onCancel: () => void;
}

/** The running task's progress bar, its stage in words, and a Cancel button. */
export function ProgressPanel({ task, progress, onCancel }: Props) {
  const { t } = useTranslation();
  const percent = progress ? Math.round(progress.fraction * 100) : 0;
  const stage = progress ? t(`progress.stage.${progress.stage}`) : t('progress.starting');
  return (
    <div className="progress-panel">
      <div className="progress-label" id="progress-label">
        {t(`progress.task.${task}`)}: {stage} {progress ? `${percent}%` : ''}
      </div>
      <progress
        data-testid="progress"
        role="progressbar"
        aria-labelledby="progress-label"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        max={100}
        value={percent}
      />
      <button type="button" className="secondary" data-testid="cancel-button" onClick={onCancel}>
        {t('progress.cancel')}
      </button>
    </div>
  );
}
