import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DatasetSummary, DeidOutcome, DeidRequest } from '../../worker/api';
import type { DeidAction } from '../../core/privacy/deidentify';
import { SAFE_HARBOR_IDENTIFIERS } from '../../core/privacy/safe-harbor';
import { formatCount } from '../format';

const ACTIONS: DeidAction[] = ['keep', 'drop', 'pseudonymize', 'shift-dates', 'year-only', 'age-cap', 'truncate-postal'];
const AGE = /(^|[^a-z])age([^a-z]|$)|年龄/i;
const QUASI = /age|sex|gender|zip|postal|postcode|ethnic|race|年龄|性别|邮编/i;

/** The Safe-Harbor default action for a column, from the identifier detection. */
function defaultAction(c: DatasetSummary['columns'][number]): DeidAction {
  const kind = c.phi?.kind;
  if (!kind) return c.min !== undefined && AGE.test(c.name) ? 'age-cap' : 'keep';
  if (kind === 'record-id') return 'pseudonymize';
  if (kind === 'date') return 'shift-dates';
  if (kind === 'postal-code') return 'truncate-postal';
  return 'drop';
}

interface Props {
  dataset: DatasetSummary;
  busy: boolean;
  report: Omit<DeidOutcome, 'blob'> | null;
  onExport: (request: DeidRequest) => void;
}

/** A de-identified copy of the loaded file for sharing (HIPAA Safe Harbor defaults), with a k-anonymity check. */
export function DeidPanel({ dataset: d, busy, report, onExport }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [actions, setActions] = useState<DeidAction[]>(() => d.columns.map(defaultAction));
  const [quasi, setQuasi] = useState<string[]>(() => d.columns.filter((c) => !c.phi && QUASI.test(c.name)).map((c) => c.name));
  const [k, setK] = useState('5');
  const [suppress, setSuppress] = useState(false);
  const patientColumn = d.columns.find((_, j) => actions[j] === 'pseudonymize')?.name;
  const kValue = Number(k);
  const request = (): DeidRequest => ({
    actions: d.columns.map((c, j) => [c.name, actions[j]]),
    ...(patientColumn ? { patientColumn } : {}),
    quasiIdentifiers: quasi.filter((q) => actions[d.columns.findIndex((c) => c.name === q)] !== 'drop'),
    k: kValue,
    suppress,
  });
  return (
    <div className="deid">
      <p className="hint">{t('deid.hint')}</p>
      <div className="table-scroll deid-table">
        <table>
          <caption className="visually-hidden">{t('deid.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('profile.column')}</th>
              <th scope="col">{t('deid.detected')}</th>
              <th scope="col">{t('deid.action')}</th>
              <th scope="col">{t('deid.quasi')}</th>
            </tr>
          </thead>
          <tbody>
            {d.columns.map((c, j) => (
              <tr key={c.name}>
                <th scope="row" className="colname">{c.name}</th>
                <td>{c.phi ? t(`phi.kind.${c.phi.kind}`) : '–'}</td>
                <td>
                  <select
                    aria-label={t('deid.actionFor', { column: c.name })}
                    data-testid="deid-action"
                    data-column={c.name}
                    value={actions[j]}
                    onChange={(e) => setActions((a) => a.map((x, i) => (i === j ? (e.target.value as DeidAction) : x)))}
                  >
                    {ACTIONS.map((a) => (
                      <option key={a} value={a}>
                        {t(`deid.actions.${a}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={t('deid.quasiFor', { column: c.name })}
                    data-testid="deid-quasi"
                    data-column={c.name}
                    checked={quasi.includes(c.name)}
                    disabled={actions[j] === 'drop'}
                    onChange={(e) => setQuasi((q) => (e.target.checked ? [...q, c.name] : q.filter((x) => x !== c.name)))}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="row2">
        <div>
          <label htmlFor={`${id}-k`}>{t('deid.k')}</label>
          <input id={`${id}-k`} data-testid="deid-k-input" type="number" min={1} step={1} value={k} onChange={(e) => setK(e.target.value)} />
        </div>
        <label className="checkbox-line">
          <input type="checkbox" data-testid="deid-suppress" checked={suppress} onChange={(e) => setSuppress(e.target.checked)} />
          {t('deid.suppress')}
        </label>
      </div>
      <button type="button" className="primary" data-testid="deid-button" disabled={busy || !(Number.isInteger(kValue) && kValue >= 1)} onClick={() => onExport(request())}>
        {t('deid.export')}
      </button>
      {report && (
        <div className="deid-report" aria-live="polite">
          <p>{t('deid.exported', { rows: formatCount(report.rows), removed: formatCount(report.removed) })}</p>
          {report.minClassSize !== null ? (
            <p data-testid="deid-min-k" data-value={report.minClassSize}>
              {t('deid.kReport', { min: formatCount(report.minClassSize), atRisk: formatCount(report.rowsAtRisk ?? 0), k: kValue })}
            </p>
          ) : (
            <p data-testid="deid-min-k" data-value="">
              {t('deid.noQuasi')}
            </p>
          )}
        </div>
      )}
      <details className="safe-harbor">
        <summary>{t('deid.checklist')}</summary>
        <ol type="A">
          {SAFE_HARBOR_IDENTIFIERS.map((s) => (
            <li key={s.id}>
              {t(`safeHarbor.${s.id}`, { defaultValue: s.description })}
              {s.kinds ? <span className="muted"> — {t('deid.covered')}</span> : <span className="muted"> — {s.note ? t(`safeHarbor.notes.${s.id}`, { defaultValue: s.note }) : t('deid.checkYourself')}</span>}
            </li>
          ))}
        </ol>
      </details>
    </div>
  );
}
