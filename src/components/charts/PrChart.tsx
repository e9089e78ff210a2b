import { CartesianGrid, Line, LineChart, ReferenceDot, ReferenceLine, XAxis, YAxis } from 'recharts';
import { ChartBox } from './chart-box';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CurvePoint, ThresholdResult } from '../../core/train/report';
import { formatNumber, formatPercent } from '../../app/format';
import { ChartFigure } from './ChartFigure';
import { PALETTE } from './palette';
import { GRID } from './grid';
import { unitXAxis, unitYAxis } from './unit-axes';

/** Precision–recall curve; the dashed line is the prevalence (what a random model's precision would be). */
function PrChartView({ pr, averagePrecision, prevalence, current }: { pr: CurvePoint[]; averagePrecision: number; prevalence: number; current: ThresholdResult }) {
  const { t } = useTranslation();
  return (
    <ChartFigure
      testId="chart-pr"
      title={t('evaluation.prTitle', { ap: formatNumber(averagePrecision, 3) })}
      summary={t('evaluation.prSummary', { ap: formatNumber(averagePrecision, 3), prevalence: formatPercent(prevalence) })}
    >
      <ChartBox height={260}>
        <LineChart data={pr} margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
          <CartesianGrid {...GRID} />
          <XAxis {...unitXAxis(t('evaluation.recall'))} />
          <YAxis {...unitYAxis(t('evaluation.precision'))} />
          <ReferenceLine y={prevalence} stroke={PALETTE.grey} strokeDasharray="4 4" />
          <Line type="stepAfter" dataKey="y" stroke={PALETTE.blue} strokeWidth={2} dot={false} isAnimationActive={false} />
          {Number.isFinite(current.ppv) && Number.isFinite(current.sensitivity) && (
            <ReferenceDot x={current.sensitivity} y={current.ppv} r={6} fill={PALETTE.vermillion} stroke="#fff" />
          )}
        </LineChart>
      </ChartBox>
    </ChartFigure>
  );
}

/** Re-rendered only when its data change (moving the threshold must not redraw every chart). */
export const PrChart = memo(PrChartView);
