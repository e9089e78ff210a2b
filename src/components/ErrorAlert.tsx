import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { AppError } from '../core/errors';

/** The one place an error becomes words: its title and what to do, in the user's language. */
export function errorMessage(t: TFunction, error: AppError): { title: string; hint: string } {
  const params = {
    column: error.column ?? '',
    value: error.value ?? '',
    count: error.count ?? 0,
    limit: error.limit ?? 0,
    detail: error.detail ?? '',
  };
  return { title: t(`errors.${error.code}.title`, params), hint: t(`errors.${error.code}.hint`, params) };
}

/** An expected failure, explained: what is wrong, where, and what to do. Values from the file are shown as text. */
export function ErrorAlert({ error, fileName, onDismiss, onReload }: { error: AppError; fileName?: string; onDismiss: () => void; onReload?: () => void }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  // a file dropped while the page is scrolled down to the results: bring the message into view
  useEffect(() => {
    box.current?.scrollIntoView({ block: 'nearest' });
  }, [error]);
  const message = errorMessage(t, error);
  return (
    <div ref={box} className="alert alert-error" role="alert" data-testid="error-message" data-code={error.code}>
      {fileName && <p className="alert-file">{t('errors.file', { file: fileName })}</p>}
      <p className="alert-title">{message.title}</p>
      <p>{message.hint}</p>
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
