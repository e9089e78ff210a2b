import { CartesianGrid, Line, LineChart, ReferenceLine, XAxis, YAxis } from 'recharts';
import { ChartBox } from './chart-box';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { LossPoint } from '../../core/train/report';
import { formatNumber } from '../../app/format';
import { ChartFigure } from './ChartFigure';
import { PALETTE } from './palette';
import { GRID } from './grid';
import { niceDomain, ticksWithin } from './ticks';
import { LineLegend } from './LineLegend';

/** Training loss per epoch (and validation loss for the network), with the exact optimum as a reference line. */
function LossChartView({ points, optimum, live, testId = 'chart-loss' }: { points: LossPoint[]; optimum?: number; live?: boolean; testId?: string }) {
  const { t } = useTranslation();
  const finite = points.filter((p) => Number.isFinite(p.loss));
  const hasValidation = finite.some((p) => p.validationLoss !== undefined);
  const last = finite[finite.length - 1];
  // round ticks: epochs 50, 100, 150 (none at the left end, by the y axis' bottom label); losses 0.45, 0.5, 0.55
  const epochs = finite.length > 0 ? ticksWithin(finite[0].epoch, last.epoch, 6, 0.05) : undefined;
  const losses = finite.flatMap((p) => (p.validationLoss !== undefined && Number.isFinite(p.validationLoss) ? [p.loss, p.validationLoss] : [p.loss]));
  if (optimum !== undefined && Number.isFinite(optimum)) losses.push(optimum);
  const y = losses.length > 0 ? niceDomain(Math.min(...losses), Math.max(...losses)) : undefined;
  return (
    <ChartFigure
      testId={testId}
      title={live ? t('evaluation.lossTitleLive') : t('evaluation.lossTitle')}
      summary={t('evaluation.lossSummary', { epochs: finite.length, loss: last ? formatNumber(last.loss, 4) : '–', optimum: optimum !== undefined ? formatNumber(optimum, 4) : '–' })}
      legend={
        <LineLegend
          lines={[
            { label: t('evaluation.trainLoss'), color: PALETTE.blue },
            ...(hasValidation ? [{ label: t('evaluation.validationLoss'), color: PALETTE.orange }] : []),
          ]}
        />
      }
    >
      <ChartBox height={240}>
        <LineChart data={finite} margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
          <CartesianGrid {...GRID} />
          <XAxis interval={0} type="number" dataKey="epoch" domain={['dataMin', 'dataMax']} ticks={epochs} allowDecimals={false} label={{ value: t('evaluation.epoch'), position: 'insideBottom', offset: -12 }} />
          <YAxis interval={0} type="number" domain={y?.domain ?? ['auto', 'auto']} ticks={y?.ticks} tickFormatter={(v: number) => formatNumber(v, 3)} width={64} />
          {optimum !== undefined && Number.isFinite(optimum) && (
            <ReferenceLine y={optimum} stroke={PALETTE.green} strokeDasharray="6 3" label={{ value: t('evaluation.optimum'), position: 'insideBottomRight', fill: PALETTE.green }} />
          )}
          <Line type="monotone" dataKey="loss" name={t('evaluation.trainLoss')} stroke={PALETTE.blue} dot={false} strokeWidth={2} isAnimationActive={false} />
          {hasValidation && (
            <Line type="monotone" dataKey="validationLoss" name={t('evaluation.validationLoss')} stroke={PALETTE.orange} dot={false} strokeWidth={2} isAnimationActive={false} />
          )}
        </LineChart>
      </ChartBox>
    </ChartFigure>
  );
}

/** Re-rendered only when its data change (moving the threshold must not redraw every chart). */
export const LossChart = memo(LossChartView);
