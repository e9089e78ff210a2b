import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { PointsRow, PointsTable as PointsTableData } from '../core/nomogram/nomogram';
import { formatNumber, formatPercent } from '../app/format';

/** Rows of the risk-per-total list in one block (blocks flow side by side, so the list stays short). */
const RISK_BLOCK = 12;

function rowLabel(r: PointsRow, t: TFunction): string {
  if (r.kind === 'level') return r.label;
  if (r.kind === 'value') return formatNumber(r.value, 6);
  const f = (v: number) => formatNumber(v, 6);
  if (r.from === null && r.to === null) return t('nomogram.anyValue');
  if (r.from === null) return t('nomogram.below', { to: f(r.to as number) });
  if (r.to === null) return t('nomogram.atLeast', { from: f(r.from) });
  if (r.integer) return r.to - 1 === r.from ? f(r.from) : t('nomogram.wholeRange', { from: f(r.from), to: f(r.to - 1) });
  return t('nomogram.between', { from: f(r.from), to: f(r.to) });
}

/** A risk as a nurse reads it: whole percents, one decimal near 0 and 100%, and never a rounded 0% or 100%. */
function riskText(r: number): string {
  if (r < 0.001) return `<${formatPercent(0.001, 1)}`;
  if (r > 0.999) return `>${formatPercent(0.999, 1)}`;
  return formatPercent(r, r < 0.1 || r > 0.9 ? 1 : 0);
}

/**
 * The nomogram as a table to add up by hand: each predictor's values (levels, few values, or bands of
 * values) with whole points, then the risk for each total. Column names and levels are the file's text,
 * rendered as text.
 */
export function PointsTable({ table, testId = 'points-table' }: { table: PointsTableData; testId?: string }) {
  const { t } = useTranslation();
  const maxError = Math.max(0, ...table.predictors.filter((p) => p.rows.some((r) => r.kind === 'band')).map((p) => p.maxError));
  const blocks: PointsTableData['totals'][] = [];
  for (let k = 0; k < table.totals.length; k += RISK_BLOCK) blocks.push(table.totals.slice(k, k + RISK_BLOCK));
  return (
    <div className="points-table" data-testid={testId}>
      <h4>{t('nomogram.tableTitle')}</h4>
      <div className="points-blocks">
        {table.predictors.map((p) => (
          <table key={p.name} className="points-block" data-predictor={p.name}>
            <caption className="colname">{p.name}</caption>
            <thead>
              <tr>
                <th scope="col">{t('nomogram.value')}</th>
                <th scope="col" className="num">{t('nomogram.pointsColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r, k) => (
                <tr key={k} data-points={r.points}>
                  <td>{rowLabel(r, t)}</td>
                  <td className="num">{r.points}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
      <h4>{t('nomogram.riskTitle')}</h4>
      <div className="points-blocks points-risk">
        {blocks.map((block, b) => (
          <table key={b} className="points-block">
            <thead>
              <tr>
                <th scope="col" className="num">{t('nomogram.totalColumn')}</th>
                <th scope="col" className="num">{t('nomogram.riskColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {block.map((row) => (
                <tr key={row.points} data-total={row.points} data-risk={row.risk}>
                  <td className="num">{formatNumber(row.points, 6)}</td>
                  <td className="num">{riskText(row.risk)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
      {maxError > 0 && <p className="hint small">{t('nomogram.bandNote', { points: formatNumber(Math.ceil(maxError * 10) / 10, 2) })}</p>}
    </div>
  );
}
