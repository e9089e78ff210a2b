import { memo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Nomogram as NomogramData } from '../../core/nomogram/nomogram';
import { formatNumber, formatPercent } from '../../app/format';
import { ChartFigure } from './ChartFigure';
import { fitLabel, textWidth, wrapLabel } from './fit-label';
import { PALETTE } from './palette';

/**
 * The nomogram drawn by hand in SVG (a chart library has no such layout): the Points line on top, one
 * line per predictor, then Total points and the risk under it, as rms's plot.nomogram lays them out.
 * The drawing has a fixed coordinate system scaled to its box, so it prints the same as it shows.
 * Widths of text are estimated (fit-label) with a margin, and labels that would cover each other are
 * moved below the line or left out (the tick stays, smaller): see `place`.
 */

const WIDTH = 760;
const NAME_WIDTH = 150; // the axis names' column
const X0 = NAME_WIDTH + 14; // where 0 points is
const X1 = WIDTH - 26; // where 100 points (and the end of the total axis) is
const ROW = 44;
const TOP = 8;
const FONT = 11;
const TICK = 4;
const GAP = 5; // at least this much between two labels

interface Label {
  x: number;
  text: string;
}
type Placed = Label & { side: 'above' | 'below'; index: number };

/** Half a label's width, with a safety margin (the browser's font may be a little wider than estimated). */
const halfWidth = (text: string) => (textWidth(text, FONT) * 1.12) / 2 + 1;
/** The label's centre, kept inside the drawing and clear of the axis names. */
const clampX = (x: number, half: number) => Math.min(Math.max(x, NAME_WIDTH + 4 + half), WIDTH - 2 - half);

/** Labels on the given sides, or null when two on the same side would be closer than GAP. */
function fits(labels: Label[], indices: number[], side: (k: number) => 'above' | 'below'): Placed[] | null {
  const out: Placed[] = indices.map((i, k) => {
    const half = halfWidth(labels[i].text);
    return { x: clampX(labels[i].x, half), text: labels[i].text, side: side(k), index: i };
  });
  for (const s of ['above', 'below'] as const) {
    const row = out.filter((l) => l.side === s).sort((a, b) => a.x - b.x);
    for (let k = 1; k < row.length; k++) if (row[k].x - halfWidth(row[k].text) < row[k - 1].x + halfWidth(row[k - 1].text) + GAP) return null;
  }
  return out;
}

/**
 * Which ticks of a numeric axis get a label, and where: every tick above its line; else alternately above
 * and below; else every k-th tick (k = 2, 3, …) and the last the same two ways, so the labelled values
 * stay evenly spaced and both ends are named; at worst the two ends, one above and one below. A category
 * names every level it can (above, alternately, then each where it fits): its levels cannot be thinned.
 */
function place(labels: Label[], kind: 'numeric' | 'levels'): Placed[] {
  const n = labels.length;
  const all = labels.map((_, i) => i);
  const above = () => 'above' as const;
  const alternate = (k: number) => (k % 2 === 0 ? 'above' : 'below');
  if (kind === 'levels') {
    const placed = fits(labels, all, above) ?? fits(labels, all, alternate);
    if (placed) return placed;
    return greedy(labels, all);
  }
  if (n < 2) return fits(labels, all, above) ?? [];
  for (let k = 1; k < n; k++) {
    // every k-th value and the last, so both ends of the axis are named (the last k-th value gives way
    // to the last when they would be closer than half a step)
    const lastMultiple = Math.floor((n - 1) / k) * k;
    const every = all.filter((i) => (i % k === 0 && !(i === lastMultiple && i !== n - 1 && n - 1 - i < k / 2)) || i === n - 1);
    const placed = fits(labels, every, above) ?? fits(labels, every, alternate);
    if (placed) return placed;
  }
  return fits(labels, [0, n - 1], alternate) ?? [];
}

/** In the given order, each label above if it fits there, else below, else left out. */
function greedy(labels: Label[], order: number[]): Placed[] {
  const out: Placed[] = [];
  for (const i of order) {
    const half = halfWidth(labels[i].text);
    const x = clampX(labels[i].x, half);
    for (const side of ['above', 'below'] as const) {
      const clear = out.every((l) => l.side !== side || x + half + GAP <= l.x - halfWidth(l.text) || x - half - GAP >= l.x + halfWidth(l.text));
      if (clear) {
        out.push({ x, text: labels[i].text, side, index: i });
        break;
      }
    }
  }
  return out;
}

/** The risks most worth a label first: 50%, 10% and 90%, 1% and 99%, then the others. */
const RISK_PRIORITY = [0.5, 0.1, 0.9, 0.01, 0.99, 0.05, 0.95, 0.2, 0.8, 0.3, 0.7, 0.02, 0.98, 0.4, 0.6];
const riskRank = (r: number) => {
  const k = RISK_PRIORITY.findIndex((p) => Math.abs(p - r) < 1e-12);
  return k < 0 ? RISK_PRIORITY.length : k;
};

/**
 * One line of the nomogram: its name, the line, tick marks, and the labels `place` (numeric, levels) or
 * `greedy` in the order given (`priority`: the risk axis) puts there.
 */
function Axis({ y, name, from, to, ticks, minor = [], labels, kind, priority, title }: { y: number; name: string; from: number; to: number; ticks: number[]; minor?: number[]; labels: Label[]; kind: 'numeric' | 'levels'; priority?: number[]; title?: string }) {
  const placement = priority ? greedy(labels, priority) : place(labels, kind);
  // a long name on two lines, cut with an ellipsis beyond (the full name is the axis's title and in the table)
  const nameLines = wrapLabel(name, NAME_WIDTH - 4, FONT, 2);
  const labelled = new Set(placement.map((l) => l.index));
  // an unlabelled tick is drawn small, and only where ticks are far enough apart not to blur into a bar
  const sorted = [...ticks].sort((a, b) => a - b);
  const spaced = sorted.every((x, k) => k === 0 || x - sorted[k - 1] >= 3);
  return (
    <g className="nomogram-axis">
      {title !== undefined && <title>{title}</title>}
      <text x={NAME_WIDTH} y={y + 4 - ((nameLines.length - 1) * FONT) / 2} textAnchor="end" fontSize={FONT} fontWeight={600} fill={PALETTE.ink}>
        {nameLines.map((line, k) => (
          <tspan key={k} x={NAME_WIDTH} dy={k === 0 ? 0 : FONT}>
            {line}
          </tspan>
        ))}
      </text>
      <line x1={from} x2={to} y1={y} y2={y} stroke={PALETTE.ink} strokeWidth={1} />
      {ticks.map((x, k) =>
        labelled.has(k) ? (
          <line key={`t${k}`} x1={x} x2={x} y1={y - TICK} y2={y + TICK} stroke={PALETTE.ink} strokeWidth={1} />
        ) : (
          spaced && <line key={`t${k}`} x1={x} x2={x} y1={y - TICK / 2} y2={y + TICK / 2} stroke={PALETTE.grey} strokeWidth={0.75} />
        ),
      )}
      {minor.map((x, k) => (
        <line key={`m${k}`} x1={x} x2={x} y1={y - TICK / 2} y2={y + TICK / 2} stroke={PALETTE.grey} strokeWidth={0.75} />
      ))}
      {placement.map((l) => (
        <text key={`l${l.index}`} x={l.x} y={l.side === 'above' ? y - TICK - 4 : y + TICK + 4 + FONT - 2} textAnchor="middle" fontSize={FONT} fill={PALETTE.ink}>
          {l.text}
        </text>
      ))}
    </g>
  );
}

const valueText = (v: number | string): string => (typeof v === 'string' ? fitLabel(v, 110, FONT) : formatNumber(v, 6));

function NomogramView({ nomogram: n, outcomeLabel, testId = 'nomogram', note }: { nomogram: NomogramData; outcomeLabel: string; testId?: string; note?: ReactNode }) {
  const { t } = useTranslation();
  const px = (points: number) => X0 + (points / 100) * (X1 - X0);
  const totalEnd = n.totalPoints[n.totalPoints.length - 1];
  const tx = (total: number) => X0 + (total / totalEnd) * (X1 - X0);
  // the risks a patient can have: between 0 total points and the axis's end
  const risks = n.risk.filter((r) => r.points >= -1e-9 && r.points <= totalEnd + 1e-9);
  const rows = n.axes.length + 3;
  const height = TOP + rows * ROW + 6;
  const y = (row: number) => TOP + row * ROW + ROW / 2;
  const totalStep = n.totalPoints.length > 1 ? n.totalPoints[1] - n.totalPoints[0] : totalEnd;
  const widest = n.axes.reduce((a, b) => (b.maxPoints > a.maxPoints ? b : a), n.axes[0]);
  const summary = t('nomogram.summary', {
    count: n.axes.length,
    widest: widest?.name ?? '',
    total: formatNumber(totalEnd, 4),
    low: formatPercent(risks[0]?.risk ?? NaN, 0),
    high: formatPercent(risks[risks.length - 1]?.risk ?? NaN, 0),
  });
  return (
    <ChartFigure testId={testId} title={t('nomogram.title', { outcome: outcomeLabel })} summary={summary} legend={note}>
      <svg className="nomogram-svg" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={summary} data-axes={n.axes.length}>
        <Axis
          y={y(0)}
          name={t('nomogram.points')}
          from={px(0)}
          to={px(100)}
          ticks={n.points.map(px)}
          minor={Array.from({ length: 21 }, (_, k) => px(k * 5)).filter((_, k) => k % 2 === 1)}
          labels={n.points.map((p) => ({ x: px(p), text: formatNumber(p, 3) }))}
          kind="numeric"
        />
        {n.axes.map((a, j) => {
          const xs = a.ticks.map((tick) => px(tick.points));
          return (
            <Axis
              key={a.name}
              y={y(j + 1)}
              name={a.name}
              title={a.name}
              from={Math.min(...xs)}
              to={Math.max(...xs)}
              ticks={xs}
              labels={a.ticks.map((tick) => ({ x: px(tick.points), text: valueText(tick.value) }))}
              kind={a.kind === 'categorical' ? 'levels' : 'numeric'}
            />
          );
        })}
        <Axis
          y={y(n.axes.length + 1)}
          name={t('nomogram.totalPoints')}
          from={tx(0)}
          to={tx(totalEnd)}
          ticks={n.totalPoints.map(tx)}
          minor={n.totalPoints.slice(1).map((p) => tx(p - totalStep / 2))}
          labels={n.totalPoints.map((p) => ({ x: tx(p), text: formatNumber(p, 4) }))}
          kind="numeric"
        />
        {risks.length > 0 && (
          <Axis
            y={y(n.axes.length + 2)}
            name={t('nomogram.risk', { outcome: outcomeLabel })}
            from={tx(risks[0].points)}
            to={tx(risks[risks.length - 1].points)}
            ticks={risks.map((r) => tx(r.points))}
            labels={risks.map((r) => ({ x: tx(r.points), text: formatPercent(r.risk, 0) }))}
            kind="numeric"
            priority={risks.map((_, k) => k).sort((a, b) => riskRank(risks[a].risk) - riskRank(risks[b].risk))}
          />
        )}
      </svg>
    </ChartFigure>
  );
}

export const Nomogram = memo(NomogramView);
