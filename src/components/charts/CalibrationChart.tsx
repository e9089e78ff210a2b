import { CartesianGrid, ComposedChart, ErrorBar, Line, ReferenceLine, Scatter, XAxis, YAxis } from 'recharts';
import { ChartBox } from './chart-box';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalibrationBin } from '../../core/train/report';
import { formatEstimate, formatNumber } from '../../app/format';
import { ChartFigure } from './ChartFigure';
import { PALETTE } from './palette';
import { GRID } from './grid';
import { unitXAxis, unitYAxis } from './unit-axes';

interface Props {
  bins: CalibrationBin[];
  slope: number;
  intercept: number;
  width?: number;
  /** A smoothed calibration curve (lowess), drawn over the groups: on an external file. */
  curve?: { predicted: number; observed: number }[];
  testId?: string;
}

/** Observed event rate against mean predicted risk in risk-ordered groups, with 95% intervals; on the diagonal is perfect. */
function CalibrationChartView({ bins, slope, intercept, width, curve, testId = 'chart-calibration' }: Props) {
  const { t } = useTranslation();
  const data = bins.map((b) => ({ x: b.meanPredicted, y: b.observed, error: [b.observed - b.lower, b.upper - b.observed] as [number, number], count: b.count }));
  // one data array for both series (Recharts' error bars follow the chart's data): the groups, then the curve's points
  const all = curve ? [...data, ...curve.map((c) => ({ x: c.predicted, smooth: c.observed }))] : data;
  return (
    <ChartFigure
      testId={testId}
      title={t('evaluation.calibrationTitle', { slope: formatEstimate(slope, 3), intercept: formatEstimate(intercept, 3) })}
      summary={bins.map((b) => t('evaluation.calibrationBin', { predicted: formatNumber(b.meanPredicted, 2), observed: formatNumber(b.observed, 2), count: b.count })).join('; ')}
    >
      <ChartBox width={width} height={260}>
        <ComposedChart data={all} margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
          <CartesianGrid {...GRID} />
          <XAxis {...unitXAxis(t('evaluation.predictedRisk'))} />
          <YAxis {...unitYAxis(t('evaluation.observedRate'))} dataKey="y" />
          <ReferenceLine segment={[{ x: 0, y: 0 }, { x: 1, y: 1 }]} stroke={PALETTE.grey} strokeDasharray="4 4" />
          {curve && <Line data={all.filter((d) => 'smooth' in d)} type="monotone" dataKey="smooth" stroke={PALETTE.orange} strokeWidth={2} dot={false} isAnimationActive={false} />}
          <Scatter dataKey="y" fill={PALETTE.blue} isAnimationActive={false}>
            <ErrorBar dataKey="error" direction="y" stroke={PALETTE.blue} width={4} isAnimationActive={false} />
          </Scatter>
        </ComposedChart>
      </ChartBox>
    </ChartFigure>
  );
}

/** Re-rendered only when its data change (moving the threshold must not redraw every chart). */
export const CalibrationChart = memo(CalibrationChartView);
