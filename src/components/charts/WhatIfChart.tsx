import { memo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceDot, ReferenceLine, XAxis, YAxis } from 'recharts';
import { ChartBox } from './chart-box';
import { useTranslation } from 'react-i18next';
import type { WhatIfPoint } from '../../core/score/patient';
import { formatNumber, formatPercent } from '../../app/format';
import { ChartFigure } from './ChartFigure';
import { PALETTE } from './palette';
import { GRID } from './grid';
import { ticksWithin } from './ticks';

/** The risk across one factor's training range, the other values held fixed; the dot is the current value. */
function WhatIfChartView({ column, points, current, risk, threshold }: { column: string; points: WhatIfPoint[]; current: number | string | null; risk: number; threshold: number }) {
  const { t } = useTranslation();
  const categorical = points.length > 0 && typeof points[0].x === 'string';
  const data = points.map((p) => ({ x: p.x, risk: p.risk }));
  const xs = categorical ? [] : points.map((p) => p.x as number);
  // round ticks inside the factor's range, none at its left end, where a label would meet the "0%" below the y axis
  const xTicks = categorical || xs.length === 0 ? undefined : ticksWithin(Math.min(...xs), Math.max(...xs), 5, 0.08);
  return (
    <ChartFigure
      testId="chart-what-if"
      title={t('patient.whatIfTitle', { column })}
      summary={points.map((p) => `${typeof p.x === 'number' ? formatNumber(p.x, 3) : p.x}: ${formatPercent(p.risk)}`).join('; ')}
    >
      <ChartBox height={200}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 20, left: 8 }}>
          <CartesianGrid {...GRID} />
          <XAxis interval={categorical ? 'preserveEnd' : 0} dataKey="x" type={categorical ? 'category' : 'number'} domain={categorical ? undefined : ['dataMin', 'dataMax']} ticks={xTicks} tickFormatter={(v: number | string) => (typeof v === 'number' ? formatNumber(v, 3) : v)} />
          <YAxis interval={0} domain={[0, 1]} tickFormatter={(v: number) => formatPercent(v, 0)} width={48} />
          <ReferenceLine y={threshold} stroke={PALETTE.grey} strokeDasharray="4 4" />
          <Line type={categorical ? 'linear' : 'monotone'} dataKey="risk" stroke={PALETTE.blue} strokeWidth={2} dot={categorical} isAnimationActive={false} />
          {current !== null && current !== '' && Number.isFinite(risk) && <ReferenceDot x={current} y={risk} r={6} fill={PALETTE.vermillion} stroke="#fff" />}
        </LineChart>
      </ChartBox>
    </ChartFigure>
  );
}

export const WhatIfChart = memo(WhatIfChartView);
