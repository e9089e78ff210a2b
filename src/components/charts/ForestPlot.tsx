import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { OddsRatioRow } from '../../core/train/report';
import { oddsRatioAt } from '../../core/train/odds-ratios';
import { formatNumber, formatOddsRatio } from '../../app/format';
import { comparisonText, incrementOf, type Increments } from '../odds-ratio-text';
import { ChartFigure } from './ChartFigure';
import { fitLabel } from './fit-label';
import { PALETTE } from './palette';
import { logTicks } from './ticks';

interface Props {
  rows: OddsRatioRow[];
  increments: Increments;
  /** An L2-penalized model: points without intervals, said in the title. */
  penalized?: boolean;
  /** A fixed width (the printable report); the screen's scales with its container. */
  width?: number;
}

const ROW = 26;
const TOP = 8;
const AXIS = 44;
const FONT = 12;
/** Label column, plot, and the "OR (CI)" column, in viewBox units. */
const LABEL_W = 230;
const TEXT_W = 170;
/** The axis never spans more than 10⁻³ to 10³: an OR beyond (per unit of a column with a tiny SD) is drawn as an arrow at the edge, its value in the text. */
const AXIS_LIMIT: [number, number] = [1e-3, 1e3];

/**
 * Odds ratios with their 95% intervals on a log axis, one row per predictor in the table's order, at
 * the increments the user set; a line at 1 (no association). Drawn by hand in SVG: a forest plot is a
 * column of intervals, not a chart Recharts has.
 */
function ForestPlotView({ rows: all, increments, penalized = false, width }: Props) {
  const rows = all.filter((r) => !r.note); // a note's terms: in the coefficients table only
  const { t } = useTranslation();
  const items = rows.map((r) => {
    const k = incrementOf(increments, r.feature);
    const o = oddsRatioAt(r, k);
    return { row: r, label: `${r.feature} (${comparisonText(r, k, t)})`, ...o, finite: Number.isFinite(o.or) && o.or > 0 };
  });
  const values = items.flatMap((i) => (i.finite ? [i.or, ...(Number.isFinite(i.low) ? [i.low] : []), ...(Number.isFinite(i.high) ? [i.high] : [])] : []));
  const inside = (v: number) => Math.min(Math.max(v, AXIS_LIMIT[0]), AXIS_LIMIT[1]);
  const { domain, ticks } = logTicks(inside(Math.min(1, ...values)), inside(Math.max(1, ...values)));
  const total = width ?? 760;
  const plotLeft = LABEL_W + 8;
  const plotW = total - LABEL_W - TEXT_W - 24;
  const x = (v: number) => plotLeft + ((Math.log(v) - Math.log(domain[0])) / (Math.log(domain[1]) - Math.log(domain[0]))) * plotW;
  const clamp = (v: number) => Math.min(Math.max(v, domain[0]), domain[1]);
  const height = TOP + items.length * ROW + AXIS;
  const axisY = TOP + items.length * ROW;
  const title = penalized ? t('forest.titlePenalized') : t('forest.title');
  const summary = items.map((i) => `${i.label}: ${i.finite ? `${formatOddsRatio(i.or)}${Number.isFinite(i.low) ? ` (${formatOddsRatio(i.low)}–${formatOddsRatio(i.high)})` : ''}` : t('forest.noEstimate')}`).join('; ');
  return (
    <ChartFigure testId="chart-forest" title={title} summary={summary}>
      <svg
        className="forest"
        viewBox={`0 0 ${total} ${height}`}
        width={width ?? '100%'}
        height={width ? height : undefined}
        style={width ? undefined : { maxWidth: total }}
        role="img"
        aria-label={title}
        fontSize={FONT}
      >
        {ticks.map((v) => (
          <g key={v}>
            <line x1={x(v)} x2={x(v)} y1={TOP} y2={axisY} stroke={v === 1 ? PALETTE.ink : '#e5e7eb'} strokeDasharray={v === 1 ? undefined : '3 3'} />
            <text x={x(v)} y={axisY + 16} textAnchor="middle" fill="#4b5563">
              {formatNumber(v, 3)}
            </text>
          </g>
        ))}
        <line x1={plotLeft} x2={plotLeft + plotW} y1={axisY} y2={axisY} stroke="#9ca3af" />
        <text x={plotLeft + plotW / 2} y={axisY + 36} textAnchor="middle" fill="#374151">
          {t('forest.axis')}
        </text>
        {items.map((i, k) => {
          const cy = TOP + k * ROW + ROW / 2;
          const label = fitLabel(i.label, LABEL_W - 8, FONT);
          return (
            <g key={i.row.feature} data-feature={i.row.feature}>
              <text x={LABEL_W} y={cy + 4} textAnchor="end" fill="#1f2937">
                {label !== i.label && <title>{i.label}</title>}
                {label}
              </text>
              {i.finite ? (
                <>
                  {Number.isFinite(i.low) && Number.isFinite(i.high) && (
                    <line x1={x(clamp(i.low))} x2={x(clamp(i.high))} y1={cy} y2={cy} stroke={PALETTE.blue} strokeWidth={2} />
                  )}
                  {i.or < domain[0] || i.or > domain[1] ? (
                    <path d={i.or < domain[0] ? `M ${x(domain[0])} ${cy} l 9 -5 v 10 z` : `M ${x(domain[1])} ${cy} l -9 -5 v 10 z`} fill={PALETTE.blue} />
                  ) : (
                    <rect x={x(i.or) - 4} y={cy - 4} width={8} height={8} fill={PALETTE.blue} />
                  )}
                  <text x={total - TEXT_W + 8} y={cy + 4} fill="#1f2937">
                    {formatOddsRatio(i.or)}
                    {Number.isFinite(i.low) && ` (${formatOddsRatio(i.low)}–${formatOddsRatio(i.high)})`}
                  </text>
                </>
              ) : (
                <text x={total - TEXT_W + 8} y={cy + 4} fill="#6b7280">
                  {i.row.separated ? t('forest.separated') : t('forest.noEstimate')}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </ChartFigure>
  );
}

/** Re-rendered only when its rows or increments change. */
export const ForestPlot = memo(ForestPlotView);
