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

/** ROC curve with the chance diagonal and the point of the current threshold. */
function RocChartView({ roc, auc, current, width }: { roc: CurvePoint[]; auc: number; current: ThresholdResult; width?: number }) {
  const { t } = useTranslation();
  const point = { x: 1 - current.specificity, y: current.sensitivity };
  return (
    <ChartFigure
      testId="chart-roc"
      title={t('evaluation.rocTitle', { auc: formatNumber(auc, 3) })}
      summary={t('evaluation.rocSummary', { auc: formatNumber(auc, 3), sens: formatPercent(current.sensitivity), spec: formatPercent(current.specificity) })}
    >
      <ChartBox width={width} height={260}>
        <LineChart data={roc} margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
          <CartesianGrid {...GRID} />
          <XAxis {...unitXAxis(t('evaluation.fpr'))} />
          <YAxis {...unitYAxis(t('evaluation.tpr'))} />
          <ReferenceLine segment={[{ x: 0, y: 0 }, { x: 1, y: 1 }]} stroke={PALETTE.grey} strokeDasharray="4 4" />
          <Line type="linear" dataKey="y" stroke={PALETTE.blue} strokeWidth={2} dot={false} isAnimationActive={false} />
          {Number.isFinite(point.x) && Number.isFinite(point.y) && <ReferenceDot x={point.x} y={point.y} r={6} fill={PALETTE.vermillion} stroke="#fff" />}
        </LineChart>
      </ChartBox>
    </ChartFigure>
  );
}

/** Re-rendered only when its data change (moving the threshold must not redraw every chart). */
export const RocChart = memo(RocChartView);
