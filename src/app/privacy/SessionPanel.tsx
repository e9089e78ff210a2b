import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n';
import type { SavedSessionInfo } from '../../worker/api';
import { formatBytes } from '../format';

interface Props {
  saved: SavedSessionInfo | null;
  canSave: boolean;
  busy: boolean;
  onSave: (passphrase: string) => void;
  onOpen: (passphrase: string) => void;
  onForget: () => void;
}

const MIN_PASSPHRASE = 8;

/** What this app keeps on the device, in plain words, and the opt-in encrypted session. */
export function SessionPanel({ saved, canSave, busy, onSave, onOpen, onForget }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [passphrase, setPassphrase] = useState('');
  const tooShort = passphrase.length < MIN_PASSPHRASE;
  return (
    <div className="session">
      <p data-testid="privacy-status">
        {saved ? t('privacy.storedSession', { date: new Date(saved.savedAt).toLocaleString(i18n.language), size: formatBytes(saved.bytes) }) : t('privacy.storedNothing')}
      </p>
      <label htmlFor={id}>{t('privacy.passphrase')}</label>
      <input
        id={id}
        data-testid="passphrase-input"
        type="password"
        autoComplete="off"
        value={passphrase}
        aria-describedby={`${id}-hint`}
        onChange={(e) => setPassphrase(e.target.value)}
      />
      <p className="hint" id={`${id}-hint`}>
        {t('privacy.passphraseHint', { min: MIN_PASSPHRASE })}
      </p>
      <div className="session-buttons">
        <button
          type="button"
          className="secondary"
          data-testid="session-save"
          disabled={busy || !canSave || tooShort}
          onClick={() => {
            onSave(passphrase);
            // handed to the engine: the page keeps no copy of it
            setPassphrase('');
          }}
        >
          {t('privacy.save')}
        </button>
        <button
          type="button"
          className="secondary"
          data-testid="session-open"
          disabled={busy || !saved || passphrase.length === 0}
          onClick={() => {
            onOpen(passphrase);
            setPassphrase('');
          }}
        >
          {t('privacy.open')}
        </button>
        <button type="button" className="secondary danger" data-testid="forget-all" disabled={busy} onClick={onForget}>
          {t('privacy.forget')}
        </button>
      </div>
    </div>
  );
}
