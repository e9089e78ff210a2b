import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartBox } from './chart-box';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../app/format';
import { PALETTE } from './palette';
import { GRID } from './grid';
import { categoryTick } from './category-tick';
import { symmetricTicks } from './ticks';

export interface Weight {
  feature: string;
  value: number;
}

const MAX_BARS = 20;

/**
 * Signed weights on the standardized scale (log-odds per standard deviation), sorted by magnitude:
 * comparable across features. Bars right (vermillion) raise the risk; bars left (blue) lower it.
 */
function FeatureWeightsChartView({ weights, outcomeLabel }: { weights: Weight[]; outcomeLabel: string }) {
  const { t } = useTranslation();
  const sorted = [...weights].sort((a, b) => Math.abs(b.value) - Math.abs(a.value));
  const shown = sorted.slice(0, MAX_BARS);
  const { limit, ticks } = symmetricTicks(Math.max(1e-9, ...shown.map((w) => Math.abs(w.value))));
  const height = 40 + shown.length * 26;
  const labelWidth = Math.min(260, 40 + Math.max(...shown.map((w) => w.feature.length)) * 7);
  return (
    <figure className="chart" data-testid="chart-feature-weights">
      <figcaption>
        {t('results.weightsChartTitle', { outcome: outcomeLabel })}
        {sorted.length > shown.length && <span className="muted"> {t('results.weightsTop', { shown: shown.length, total: sorted.length })}</span>}
      </figcaption>
      <div className="legend">
        <span className="swatch" style={{ background: PALETTE.vermillion }} /> {t('results.raisesRisk')}
        <span className="swatch" style={{ background: PALETTE.blue }} /> {t('results.lowersRisk')}
      </div>
      <ChartBox height={height}>
        <BarChart data={shown} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }}>
          <CartesianGrid {...GRID} horizontal={false} />
          <XAxis interval={0} type="number" domain={[-limit, limit]} ticks={ticks} tickFormatter={(v: number) => formatNumber(v, 2)} />
          <YAxis type="category" dataKey="feature" width={labelWidth} interval={0} tick={categoryTick(12, labelWidth)} />
          <ReferenceLine x={0} stroke={PALETTE.ink} />
          <Tooltip formatter={(v: unknown) => formatNumber(Number(v), 4)} isAnimationActive={false} />
          <Bar dataKey="value" isAnimationActive={false} name={t('results.weight')}>
            {shown.map((w) => (
              <Cell key={w.feature} fill={w.value >= 0 ? PALETTE.vermillion : PALETTE.blue} />
            ))}
          </Bar>
        </BarChart>
      </ChartBox>
    </figure>
  );
}

/** Re-rendered only when its data change (moving the threshold must not redraw every chart). */
export const FeatureWeightsChart = memo(FeatureWeightsChartView);
