import { Bar, BarChart, CartesianGrid, Cell, LabelList, XAxis, YAxis } from 'recharts';
import { ChartBox } from './chart-box';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPercent } from '../../app/format';
import { PALETTE } from './palette';
import { GRID } from './grid';
import { categoryTick } from './category-tick';

const TICK_13 = categoryTick(13, 200);

interface Props {
  train: number;
  test: number;
  baseline: number;
}

/** Training vs test accuracy beside the majority-class baseline: accuracy means little without the base rate. */
function AccuracyChartView({ train, test, baseline }: Props) {
  const { t } = useTranslation();
  const data = [
    { name: t('results.chartTest'), value: test, color: PALETTE.blue },
    { name: t('results.chartTrain'), value: train, color: PALETTE.skyBlue },
    { name: t('results.chartBaseline'), value: baseline, color: PALETTE.grey },
  ];
  return (
    <figure className="chart" data-testid="chart-accuracy">
      <figcaption>{t('results.accuracyChartTitle')}</figcaption>
      <ChartBox height={220}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 56, bottom: 4, left: 8 }}>
          <CartesianGrid {...GRID} horizontal={false} />
          <XAxis interval={0} type="number" domain={[0, 1]} tickFormatter={(v: number) => formatPercent(v, 0)} />
          <YAxis interval={0} type="category" dataKey="name" width={200} tick={TICK_13} />
          <Bar dataKey="value" isAnimationActive={false} barSize={26}>
            {data.map((d) => (
              <Cell key={d.name} fill={d.color} />
            ))}
            <LabelList dataKey="value" position="right" formatter={(v: unknown) => formatPercent(Number(v))} />
          </Bar>
        </BarChart>
      </ChartBox>
      <p className="visually-hidden">
        {data.map((d) => `${d.name}: ${formatPercent(d.value)}`).join('; ')}
      </p>
    </figure>
  );
}

/** Re-rendered only when its data change (moving the threshold must not redraw every chart). */
export const AccuracyChart = memo(AccuracyChartView);
