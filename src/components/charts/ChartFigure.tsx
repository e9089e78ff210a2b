import type { ReactNode } from 'react';

/** A chart with its title and a text alternative for screen readers (and for anyone who wants the numbers). */
export function ChartFigure({ testId, title, summary, children, legend }: { testId: string; title: ReactNode; summary: string; children: ReactNode; legend?: ReactNode }) {
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      {legend}
      {children}
      <p className="visually-hidden">{summary}</p>
    </figure>
  );
}
