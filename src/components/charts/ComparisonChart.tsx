import { Bar, BarChart, CartesianGrid, ErrorBar, ReferenceLine, XAxis, YAxis } from 'recharts';
import { ChartBox } from './chart-box';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComparisonRow } from '../../core/train/report';
import { formatNumber } from '../../app/format';
import { ChartFigure } from './ChartFigure';
import { PALETTE } from './palette';
import { GRID } from './grid';
import { categoryTick } from './category-tick';

// model names such as "Logistic regression by gradient descent" take two lines
const TICK_200 = categoryTick(14, 200, 2);

/** Test AUC of every model on the same split, with 95% intervals: overlapping bars are not a proven difference. */
function ComparisonChartView({ rows }: { rows: ComparisonRow[] }) {
  const { t } = useTranslation();
  const data = rows.map((r) => ({ name: t(`models.${r.model.kind}`), auc: r.auc, error: [r.auc - r.aucLow, r.aucHigh - r.auc] as [number, number] }));
  const low = Math.max(0, Math.floor(Math.min(...rows.map((r) => r.aucLow)) * 10) / 10 - 0.1);
  return (
    <ChartFigure
      testId="chart-comparison"
      title={t('comparison.chartTitle')}
      summary={rows.map((r) => `${t(`models.${r.model.kind}`)}: AUC ${formatNumber(r.auc, 3)} (${formatNumber(r.aucLow, 3)}–${formatNumber(r.aucHigh, 3)})`).join('; ')}
    >
      <ChartBox height={60 + rows.length * 44}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }}>
          <CartesianGrid {...GRID} horizontal={false} />
          <XAxis interval={0} type="number" domain={[low, 1]} tickFormatter={(v: number) => formatNumber(v, 2)} />
          <YAxis interval={0} type="category" dataKey="name" width={200} tick={TICK_200} />
          <ReferenceLine x={0.5} stroke={PALETTE.grey} strokeDasharray="4 4" />
          <Bar dataKey="auc" fill={PALETTE.blue} barSize={22} isAnimationActive={false}>
            <ErrorBar dataKey="error" direction="x" stroke={PALETTE.ink} width={6} isAnimationActive={false} />
          </Bar>
        </BarChart>
      </ChartBox>
    </ChartFigure>
  );
}

/** Re-rendered only when its data change (moving the threshold must not redraw every chart). */
export const ComparisonChart = memo(ComparisonChartView);
