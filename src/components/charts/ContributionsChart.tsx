import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, XAxis, YAxis } from 'recharts';
import { ChartBox } from './chart-box';
import { useTranslation } from 'react-i18next';
import type { Contribution } from '../../core/score/patient';
import { formatNumber } from '../../app/format';
import { ChartFigure } from './ChartFigure';
import { PALETTE } from './palette';
import { symmetricTicks } from './ticks';
import { GRID } from './grid';
import { categoryTick } from './category-tick';

const TICK_12 = categoryTick(12, 160);

/** Why this patient's risk differs from the reference patient's: one diverging bar per column. */
function ContributionsChartView({ contributions, unit, method }: { contributions: Contribution[]; unit: 'log-odds' | 'svm-margin'; method: 'exact' | 'occlusion' }) {
  const { t } = useTranslation();
  const shown = [...contributions].filter((c) => Math.abs(c.contribution) > 1e-12).sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution)).slice(0, 15);
  const { limit, ticks } = symmetricTicks(Math.max(1e-6, ...shown.map((c) => Math.abs(c.contribution))));
  return (
    <ChartFigure
      testId="chart-contributions"
      title={t('patient.contributionsTitle', { unit: t(`patient.unit.${unit}`) })}
      summary={shown.map((c) => `${c.column}: ${formatNumber(c.contribution, 3)}`).join('; ')}
      legend={shown.length > 0 && <p className="hint">{t(`patient.method.${method}`)}</p>}
    >
      {shown.length === 0 ? (
        // an empty chart would look broken: say why there is nothing to show
        <p className="hint" data-testid="contributions-none">
          {t('patient.noContributions')}
        </p>
      ) : (
        <ChartBox height={48 + shown.length * 26}>
          <BarChart data={shown} layout="vertical" margin={{ top: 4, right: 24, bottom: 8, left: 8 }}>
            <CartesianGrid {...GRID} horizontal={false} />
            <XAxis interval={0} type="number" domain={[-limit, limit]} ticks={ticks} tickFormatter={(v: number) => formatNumber(v, 2)} />
            <YAxis type="category" dataKey="column" width={160} interval={0} tick={TICK_12} />
            <ReferenceLine x={0} stroke={PALETTE.ink} />
            <Bar dataKey="contribution" isAnimationActive={false}>
              {shown.map((c) => (
                <Cell key={c.column} fill={c.contribution >= 0 ? PALETTE.vermillion : PALETTE.blue} />
              ))}
            </Bar>
          </BarChart>
        </ChartBox>
      )}
    </ChartFigure>
  );
}

export const ContributionsChart = memo(ContributionsChartView);
