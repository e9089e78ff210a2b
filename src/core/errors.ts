/**
 * Expected failures are results, not exceptions: Comlink turns thrown errors into plain Errors
 * and drops their fields, so the worker returns `{ ok: false, error }` and the UI maps the code
 * to a message in the user's language (src/i18n). Every code the core can produce is listed here.
 */
export type ErrorCode =
  | 'empty-file'
  | 'no-rows'
  | 'binary-file'
  | 'too-many-columns'
  | 'no-data-loaded'
  | 'unknown-column'
  | 'outcome-not-binary'
  | 'outcome-one-class'
  | 'positive-class-missing'
  | 'no-features'
  | 'no-rows-left'
  | 'class-too-small'
  | 'split-too-small'
  | 'bad-fraction'
  | 'bad-seed'
  | 'bad-c'
  | 'bad-learning-rate'
  | 'bad-epochs'
  /** The setup form: the number of terms a note column keeps is not a whole number from 1 to MAX_TEXT_TERMS. */
  | 'bad-max-terms'
  | 'no-split-column'
  | 'split-one-side'
  | 'bad-parameter'
  | 'not-converged'
  | 'cancelled'
  | 'worker-crashed'
  | 'engine-unavailable'
  | 'out-of-memory'
  | 'no-model'
  | 'no-saved-session'
  | 'internal'
  /** Scoring a new file: columns the model needs are absent (`column` = the first, `count`, `detail` = all names, JSON-quoted, comma-separated). */
  | 'missing-columns'
  /** A model file that cannot be used; `detail` says what is wrong, in words. */
  | 'bad-model-file'
  /** One patient: a value the model needs is empty and training dropped rows with missing values (`column`). */
  | 'patient-value-missing'
  /** One patient: a value is not a number where the model needs one (`column`, `value`). */
  | 'patient-value-invalid'
  /** Saved session: AES-GCM authentication failed — the passphrase is wrong or the file was altered. */
  | 'wrong-passphrase'
  /** Saved session: an empty passphrase. */
  | 'empty-passphrase'
  /** Saved session: the bytes are not an encrypted session envelope (`detail` says what is wrong). */
  | 'bad-envelope'
  /** Saved session: an envelope of a newer format version (`value`). */
  | 'unsupported-envelope'
  /** A chosen feature is flagged as an identifier (`column`, `value` = its kind): its values would be in the model. */
  | 'identifier-feature'
  /** "Forget everything": another tab of the app holds the saved session open; the deletion waits for it. */
  | 'forget-blocked';

export interface AppError {
  code: ErrorCode;
  column?: string;
  value?: string;
  /** A count the message can quote (rows, columns, classes). */
  count?: number;
  limit?: number;
  /** For 'internal': the exception's message, shown so that a bug can be reported. */
  detail?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(error: AppError): Result<T> => ({ ok: false, error });
