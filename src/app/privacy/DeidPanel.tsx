import { memo, useId, useState, type Dispatch, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import type { DatasetSummary, DeidOutcome, DeidRequest } from '../../worker/api';
import { DEID_ACTIONS, isDefaultQuasiIdentifier, NOT_SAFE_HARBOR, safeHarborAction, type DeidAction, type DeidColumnInfo } from '../../core/privacy/deidentify';
import { SAFE_HARBOR_IDENTIFIERS } from '../../core/privacy/safe-harbor';
import { formatCount } from '../format';
import { useGrowing } from '../../components/use-growing';

/** A profiled column as the de-identification rules see it. */
function info(c: DatasetSummary['columns'][number]): DeidColumnInfo {
  return { name: c.name, numeric: c.min !== undefined, kind: c.phi?.kind ?? null };
}

interface Props {
  dataset: DatasetSummary;
  busy: boolean;
  report: Omit<DeidOutcome, 'blob'> | null;
  onExport: (request: DeidRequest) => void;
}

/** A de-identified copy of the loaded file for sharing (HIPAA Safe Harbor defaults), with a k-anonymity check. */
/**
 * Memoized, and its rows too: a progress tick re-renders App, a busy flag re-renders this panel, and neither
 * must re-render a row (a select of every action) per column of a wide file.
 */
export const DeidPanel = memo(function DeidPanel({ dataset: d, busy, report, onExport }: Props) {
  const { t } = useTranslation();
  const id = useId();
  // the core's Safe Harbor rules: the same plan the worker would make
  const [actions, setActions] = useState<DeidAction[]>(() => d.columns.map((c) => safeHarborAction(info(c))));
  const [quasi, setQuasi] = useState<string[]>(() => d.columns.filter((c, j) => isDefaultQuasiIdentifier(info(c), actions[j])).map((c) => c.name));
  const [k, setK] = useState('5');
  const [suppress, setSuppress] = useState(false);
  const patientColumn = d.patientKey ?? d.columns.find((_, j) => actions[j] === 'pseudonymize')?.name;
  // ages are reckoned at the row's visit date: the first date column that is not a birth date
  const referenceColumn = d.columns.find((c, j) => c.phi?.kind === 'date' && actions[j] === 'year-only')?.name;
  const kValue = Number(k);
  const safeHarbor = d.columns.every((c, j) => !NOT_SAFE_HARBOR.has(actions[j]) || (actions[j] === 'keep' && !c.phi));
  const request = (): DeidRequest => ({
    actions: d.columns.map((c, j) => [c.name, actions[j]]),
    ...(patientColumn ? { patientColumn } : {}),
    ...(referenceColumn ? { referenceColumn } : {}),
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
          <DeidRows columns={d.columns} actions={actions} quasi={quasi} setActions={setActions} setQuasi={setQuasi} />
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
      <p className={safeHarbor ? 'hint' : 'alert alert-warning'} data-testid="deid-method" data-safe-harbor={safeHarbor}>
        {safeHarbor ? t('deid.isSafeHarbor') : t('deid.notSafeHarbor')}
      </p>
      <button type="button" className="primary" data-testid="deid-button" disabled={busy || !(Number.isInteger(kValue) && kValue >= 1)} onClick={() => onExport(request())}>
        {t('deid.export')}
      </button>
      {report && (
        <div className="deid-report" aria-live="polite">
          <p>{t('deid.exported', { rows: formatCount(report.rows), removed: formatCount(report.removed) })}</p>
          {report.minClassSize !== null ? (
            <p data-testid="deid-min-k" data-value={report.minClassSize} data-unit={report.unit}>
              {t(report.unit === 'patients' ? 'deid.kReportPatients' : 'deid.kReport', { min: formatCount(report.minClassSize), atRisk: formatCount(report.rowsAtRisk ?? 0), k: kValue })}
            </p>
          ) : (
            <p data-testid="deid-min-k" data-value="" data-unit={report.unit}>
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
});

interface RowsProps {
  columns: DatasetSummary['columns'];
  actions: DeidAction[];
  quasi: string[];
  setActions: Dispatch<SetStateAction<DeidAction[]>>;
  setQuasi: Dispatch<SetStateAction<string[]>>;
}

/** A row per column: what was detected, the action, whether it is a quasi-identifier. */
const DeidRows = memo(function DeidRows({ columns, actions, quasi, setActions, setQuasi }: RowsProps) {
  const { t } = useTranslation();
  // a wide file's rows (a select of every action each) come in over a few frames
  const shown = useGrowing(columns.length, 40, 40);
  // the actions' names once, not once per column
  const options = DEID_ACTIONS.map((a) => (
    <option key={a} value={a}>
      {t(`deid.actions.${a}`)}
    </option>
  ));
  const isQuasi = new Set(quasi);
  return (
    <tbody aria-busy={shown < columns.length || undefined}>
      {columns.slice(0, shown).map((c, j) => (
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
              {options}
            </select>
          </td>
          <td>
            <input
              type="checkbox"
              aria-label={t('deid.quasiFor', { column: c.name })}
              data-testid="deid-quasi"
              data-column={c.name}
              checked={isQuasi.has(c.name)}
              disabled={actions[j] === 'drop'}
              onChange={(e) => setQuasi((q) => (e.target.checked ? [...q, c.name] : q.filter((x) => x !== c.name)))}
            />
          </td>
        </tr>
      ))}
    </tbody>
  );
});
