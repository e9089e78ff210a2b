import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnSummary } from '../worker/api';
import { formatCount, formatNumber } from '../app/format';
import { useGrowing } from './use-growing';

/** One row per column of the file: its type as inferred, missing and distinct counts, and a short summary. */
interface Props {
  columns: ColumnSummary[];
  rows: number;
  onDeriveAge?: (column: string) => void;
  /** Unflag a column the detection took for an identifier, or flag it again. */
  onNotIdentifier?: (column: string, notIdentifier: boolean) => void;
}

/** Memoized: a busy flag or a progress tick elsewhere does not re-render a row per column. */
export const ProfileTable = memo(function ProfileTable({ columns, rows, onDeriveAge, onNotIdentifier }: Props) {
  const { t } = useTranslation();
  // a wide file's rows come in over a few frames (the table is busy until all are there)
  const shown = useGrowing(columns.length);
  return (
    <div className="table-scroll">
      <table className="profile" data-testid="profile-table" aria-busy={shown < columns.length || undefined}>
        <caption className="visually-hidden">{t('profile.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('profile.column')}</th>
            <th scope="col">{t('profile.type')}</th>
            <th scope="col" className="num">{t('profile.missing')}</th>
            <th scope="col" className="num">{t('profile.distinct')}</th>
            <th scope="col">{t('profile.summary')}</th>
          </tr>
        </thead>
        <tbody>
          {columns.slice(0, shown).map((c) => (
            <tr key={c.name} data-column={c.name} data-type={c.type} data-phi={c.phi?.kind}>
              <th scope="row" className="colname">{c.name}</th>
              <td>
                <span className={`type type-${c.type}`}>{t(`types.${c.type}`)}</span>
                {c.phi && (
                  <span className="phi" title={t(`phi.reason.${c.phi.reason}`)}>
                    {t(`phi.kind.${c.phi.kind}`)}
                  </span>
                )}
              </td>
              <td className="num">
                {formatCount(c.missing)}
                {c.missing > 0 && <span className="muted"> ({formatNumber((100 * c.missing) / rows, 2)}%)</span>}
              </td>
              <td className="num">{formatCount(c.distinct)}</td>
              <td>
                <ColumnSummaryCell column={c} />
                {c.phi && (
                  <div className="note phi-note">
                    {t(`phi.excluded.${c.phi.reason}`)}
                    {c.birthDate && onDeriveAge && (
                      <>
                        {' '}
                        <button type="button" className="link" data-testid="derive-age" data-column={c.name} onClick={() => onDeriveAge(c.name)}>
                          {t('phi.useAge')}
                        </button>
                      </>
                    )}
                    {onNotIdentifier && c.phi.kind !== 'free-text' && (
                      <>
                        {' '}
                        <button type="button" className="link" data-testid="not-identifier" data-column={c.name} onClick={() => onNotIdentifier(c.name, true)}>
                          {t('phi.notIdentifier')}
                        </button>
                      </>
                    )}
                  </div>
                )}
                {c.notIdentifier && (
                  <div className="note">
                    {t('phi.markedNotIdentifier')}{' '}
                    {onNotIdentifier && (
                      <button type="button" className="link" data-testid="flag-identifier" data-column={c.name} onClick={() => onNotIdentifier(c.name, false)}>
                        {t('phi.undoNotIdentifier')}
                      </button>
                    )}
                  </div>
                )}
                {c.notes.map((n, k) => (
                  <div key={k} className="note">
                    {n.code === 'derived-age'
                      ? n.at
                        ? t('columnNotes.derived-age-at', { from: n.from, at: n.at })
                        : t('columnNotes.derived-age-today', { from: n.from })
                      : t(`columnNotes.${n.code}`, {
                          count: 'count' in n ? n.count : 0,
                          examples: 'examples' in n ? n.examples.join(', ') : '',
                        })}
                  </div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});

function ColumnSummaryCell({ column: c }: { column: ColumnSummary }) {
  const { t } = useTranslation();
  if (c.min !== undefined && c.max !== undefined && c.mean !== undefined && c.type !== 'binary') {
    return <span>{t('profile.range', { min: formatNumber(c.min), mean: formatNumber(c.mean), max: formatNumber(c.max) })}</span>;
  }
  if (c.top && c.top.length > 0) {
    return (
      <span className="top-values">
        {c.top.slice(0, c.type === 'identifier' || c.type === 'text' ? 2 : 4).map((v, k) => (
          <span key={k} className="chip">
            {truncate(v.value)} <span className="muted">×{formatCount(v.count)}</span>
          </span>
        ))}
      </span>
    );
  }
  return <span className="muted">–</span>;
}

function truncate(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
