import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../core/errors';

/** An expected failure, explained: what is wrong, where, and what to do. Values from the file are shown as text. */
export function ErrorAlert({ error, fileName, onDismiss, onReload }: { error: AppError; fileName?: string; onDismiss: () => void; onReload?: () => void }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  // a file dropped while the page is scrolled down to the results: bring the message into view
  useEffect(() => {
    box.current?.scrollIntoView({ block: 'nearest' });
  }, [error]);
  const params = {
    column: error.column ?? '',
    value: error.value ?? '',
    count: error.count ?? 0,
    limit: error.limit ?? 0,
    detail: error.detail ?? '',
  };
  return (
    <div ref={box} className="alert alert-error" role="alert" data-testid="error-message" data-code={error.code}>
      {fileName && <p className="alert-file">{t('errors.file', { file: fileName })}</p>}
      <p className="alert-title">{t(`errors.${error.code}.title`, params)}</p>
      <p>{t(`errors.${error.code}.hint`, params)}</p>
      <div className="alert-actions">
        {onReload && (error.code === 'worker-crashed' || error.code === 'out-of-memory') && fileName && (
          <button type="button" className="secondary" data-testid="reload-file" onClick={onReload}>
            {t('errors.reload', { file: fileName })}
          </button>
        )}
        <button type="button" className="link" onClick={onDismiss}>
          {t('errors.dismiss')}
        </button>
      </div>
    </div>
  );
}
