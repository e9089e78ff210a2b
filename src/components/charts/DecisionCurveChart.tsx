import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, XAxis, YAxis } from 'recharts';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DecisionPoint } from '../../core/validation/decision-curve';
import { formatNumber, formatPercent } from '../../app/format';
import { ChartFigure } from './ChartFigure';
import { ChartBox } from './chart-box';
import { PALETTE } from './palette';
import { GRID } from './grid';
import { LineLegend } from './LineLegend';
import { niceDomain } from './ticks';

interface Props {
  points: DecisionPoint[];
  /** The clinically relevant range of thresholds the user set, highlighted. */
  range: [number, number];
  testId?: string;
  width?: number;
}

/**
 * Net benefit against the threshold probability for the model, treat all and treat none (Vickers):
 * where the model's curve is highest, using it does more good than harm. The y axis starts a little
 * below 0, where treat-all falls off, so that the model's curve stays readable.
 */
function DecisionCurveChartView({ points, range, testId = 'chart-decision-curve', width }: Props) {
  const { t } = useTranslation();
  const best = points.reduce((m, p) => Math.max(m, p.netBenefit, p.treatAll), 0);
  const y = niceDomain(-Math.max(0.02, best * 0.15), Math.max(0.01, best));
  // the bottom tick (below 0) is left unlabelled: its label would sit on the x axis' "0%"
  const yTicks = y.ticks.filter((v) => v > y.domain[0]);
  const data = points.map((p) => ({ x: p.threshold, model: p.netBenefit, all: Math.max(p.treatAll, y.domain[0]) }));
  const inRange = points.filter((p) => p.threshold >= range[0] && p.threshold <= range[1]);
  const useful = inRange.filter((p) => p.netBenefit > Math.max(0, p.treatAll)).length;
  return (
    <ChartFigure
      testId={testId}
      title={t('validation.dcaTitle')}
      summary={t('validation.dcaSummary', { low: formatPercent(range[0], 0), high: formatPercent(range[1], 0), useful, of: inRange.length })}
      legend={
        <LineLegend
          lines={[
            { label: t('validation.theModel'), color: PALETTE.blue },
            { label: t('validation.treatAll'), color: PALETTE.grey, dashed: true },
            { label: t('validation.treatNone'), color: PALETTE.grey },
          ]}
        />
      }
    >
      <ChartBox width={width} height={260}>
        <LineChart data={data} margin={{ top: 8, right: 24, bottom: 24, left: 8 }}>
          <CartesianGrid {...GRID} />
          <XAxis interval={0} type="number" dataKey="x" domain={[0, 1]} ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]} tickFormatter={(v: number) => formatPercent(v, 0)} label={{ value: t('validation.dcaThreshold'), position: 'insideBottom', offset: -12 }} />
          <YAxis interval={0} type="number" domain={y.domain} ticks={yTicks} allowDataOverflow tickFormatter={(v: number) => formatNumber(v, 2)} width={68} label={{ value: t('validation.dcaNetBenefit'), angle: -90, position: 'insideLeft', offset: 4, style: { textAnchor: 'middle' } }} />
          <ReferenceArea x1={range[0]} x2={range[1]} fill={PALETTE.blue} fillOpacity={0.08} />
          <ReferenceLine y={0} stroke={PALETTE.grey} name={t('validation.treatNone')} />
          <Line type="linear" dataKey="all" name={t('validation.treatAll')} stroke={PALETTE.grey} strokeDasharray="5 4" dot={false} isAnimationActive={false} />
          <Line type="linear" dataKey="model" name={t('validation.theModel')} stroke={PALETTE.blue} strokeWidth={2} dot={false} isAnimationActive={false} />
        </LineChart>
      </ChartBox>
    </ChartFigure>
  );
}

/** Re-rendered only when its data change. */
export const DecisionCurveChart = memo(DecisionCurveChartView);
