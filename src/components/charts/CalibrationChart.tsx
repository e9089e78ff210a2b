import { CartesianGrid, ComposedChart, ErrorBar, ReferenceLine, Scatter, XAxis, YAxis } from 'recharts';
import { ChartBox } from './chart-box';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalibrationBin } from '../../core/train/report';
import { formatNumber } from '../../app/format';
import { ChartFigure } from './ChartFigure';
import { PALETTE } from './palette';
import { GRID } from './grid';
import { unitXAxis, unitYAxis } from './unit-axes';

/** Observed event rate against mean predicted risk in risk-ordered groups, with 95% intervals; on the diagonal is perfect. */
function CalibrationChartView({ bins, slope, intercept, width }: { bins: CalibrationBin[]; slope: number; intercept: number; width?: number }) {
  const { t } = useTranslation();
  const data = bins.map((b) => ({ x: b.meanPredicted, y: b.observed, error: [b.observed - b.lower, b.upper - b.observed] as [number, number], count: b.count }));
  return (
    <ChartFigure
      testId="chart-calibration"
      title={t('evaluation.calibrationTitle', { slope: formatNumber(slope, 3), intercept: formatNumber(intercept, 3) })}
      summary={bins.map((b) => t('evaluation.calibrationBin', { predicted: formatNumber(b.meanPredicted, 2), observed: formatNumber(b.observed, 2), count: b.count })).join('; ')}
    >
      <ChartBox width={width} height={260}>
        <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
          <CartesianGrid {...GRID} />
          <XAxis {...unitXAxis(t('evaluation.predictedRisk'))} />
          <YAxis {...unitYAxis(t('evaluation.observedRate'))} dataKey="y" />
          <ReferenceLine segment={[{ x: 0, y: 0 }, { x: 1, y: 1 }]} stroke={PALETTE.grey} strokeDasharray="4 4" />
          <Scatter dataKey="y" fill={PALETTE.blue} isAnimationActive={false}>
            <ErrorBar dataKey="error" direction="y" stroke={PALETTE.blue} width={4} />
          </Scatter>
        </ComposedChart>
      </ChartBox>
    </ChartFigure>
  );
}

/** Re-rendered only when its data change (moving the threshold must not redraw every chart). */
export const CalibrationChart = memo(CalibrationChartView);
