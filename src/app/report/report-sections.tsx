/**
 * The report's TRIPOD+AI sections that are tables of their own: the participant flow, the participants'
 * characteristics, the model's equation and the checklist appendix. Plain components of summaries: no
 * patient row is ever shown.
 */
import { useTranslation } from 'react-i18next';
import type { Characteristics, CharacteristicRow } from '../../core/report/characteristics';
import type { ModelEquation } from '../../core/report/equation';
import type { ModelDescription } from '../../core/report/description';
import { TRIPOD_AI_ITEMS } from '../../core/report/tripod';
import { formatCount, formatNumber, formatOddsRatio, formatPercent, formatPercentChange } from '../format';
import type { TreatmentState } from '../useWorkbench';
import { treatmentWarningText, withInterval } from '../use/treatment-text';

const share = (k: number, n: number) => `${formatCount(k)} (${formatPercent(n > 0 ? k / n : NaN)})`;

/** Rows from the file to the training and test sets, with the events at each step (TRIPOD+AI 20a, 21). */
export function FlowSection({ c, patientKey }: { c: Characteristics; patientKey: string | null }) {
  const { t } = useTranslation();
  const f = c.flow;
  const used = f.train.rows + f.test.rows;
  const events = f.train.events + f.test.events;
  const side = (s: typeof f.train) =>
    patientKey ? t('report.flowSidePatients', { rows: formatCount(s.rows), patients: formatCount(s.patients), events: share(s.events, s.rows) }) : t('report.flowSide', { rows: formatCount(s.rows), events: share(s.events, s.rows) });
  return (
    <section id="report-flow" data-testid="report-flow">
      <h2>{t('report.flow')}</h2>
      <ol className="report-flow">
        <li>{t('report.flowRead', { rows: formatCount(f.rowsRead) })}</li>
        {f.missingOutcome > 0 && <li className="excluded">{t('report.flowNoOutcome', { rows: formatCount(f.missingOutcome) })}</li>}
        {f.missingSplit > 0 && <li className="excluded">{t('report.flowNoSplit', { rows: formatCount(f.missingSplit) })}</li>}
        {f.droppedMissing > 0 && <li className="excluded">{t('report.flowDropped', { rows: formatCount(f.droppedMissing) })}</li>}
        <li>
          {t('report.flowUsed', { rows: formatCount(used), events: share(events, used) })}
          {f.imputedRows > 0 && ` ${t('report.flowImputed', { rows: formatCount(f.imputedRows) })}`}
        </li>
        <li className="split">
          <span>
            <strong>{t('report.training')}</strong> {side(f.train)}
          </span>
          <span>
            <strong>{t('report.test')}</strong> {side(f.test)}
          </span>
        </li>
      </ol>
    </section>
  );
}

/** The training and test rows side by side: mean (SD) or n (%), and missing values (TRIPOD+AI 20b, 20c). */
export function CharacteristicsSection({ c, outcome }: { c: Characteristics; outcome: string }) {
  const { t } = useTranslation();
  const f = c.flow;
  const missing = (r: CharacteristicRow) =>
    r.train.missing + r.test.missing > 0 && (
      <tr className="sub">
        <td>{t('report.missingValues')}</td>
        <td className="num">{share(r.train.missing, r.train.n)}</td>
        <td className="num">{share(r.test.missing, r.test.n)}</td>
      </tr>
    );
  return (
    <section id="report-characteristics" data-testid="report-characteristics">
      <h2>{t('report.characteristics')}</h2>
      <table>
        <thead>
          <tr>
            <th>{t('report.characteristic')}</th>
            <th className="num">{t('report.trainingN', { n: formatCount(f.train.rows) })}</th>
            <th className="num">{t('report.testN', { n: formatCount(f.test.rows) })}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t('report.outcomeEvents', { outcome })}</th>
            <td className="num">{share(f.train.events, f.train.rows)}</td>
            <td className="num">{share(f.test.events, f.test.rows)}</td>
          </tr>
          {c.rows.map((r) =>
            r.kind === 'numeric' ? (
              <RowGroup key={r.column}>
                <tr>
                  <th scope="row">{t('report.meanSd', { column: r.column })}</th>
                  <td className="num">{`${formatNumber(r.train.mean, 4)} (${formatNumber(r.train.sd, 3)})`}</td>
                  <td className="num">{`${formatNumber(r.test.mean, 4)} (${formatNumber(r.test.sd, 3)})`}</td>
                </tr>
                {missing(r)}
              </RowGroup>
            ) : (
              <RowGroup key={r.column}>
                <tr>
                  <th scope="row" colSpan={3}>
                    {t('report.levelsOf', { column: r.column })}
                  </th>
                </tr>
                {r.levels.map((l) => (
                  <tr key={l.level} className="sub">
                    <td>{l.level}</td>
                    <td className="num">{share(l.train, r.train.n)}</td>
                    <td className="num">{share(l.test, r.test.n)}</td>
                  </tr>
                ))}
                {missing(r)}
              </RowGroup>
            ),
          )}
        </tbody>
      </table>
    </section>
  );
}

function RowGroup({ children }: { children: React.ReactNode }) {
  return <>{children}</>;
}

/** The full model in the columns' units, intercept first, and how to compute a risk from it (TRIPOD+AI 22, 12g). */
export function EquationSection({ equation, recalibrated }: { equation: ModelEquation | null; recalibrated: boolean }) {
  const { t } = useTranslation();
  return (
    <section id="report-equation" data-testid="report-equation">
      <h2>{t('report.equation')}</h2>
      {equation ? (
        <>
          <p>{t('report.equationIntro')}</p>
          <p className="formula">
            <code>
              {'lp = '}
              {formatNumber(equation.intercept, 8)}
              {equation.terms.map((term) => {
                const sign = term.coef < 0 ? ' − ' : ' + ';
                const name = term.kind === 'level' ? `[${term.column} = ${term.level}]` : term.kind === 'term' ? `tfidf(${term.column}, “${term.term}”)` : term.column;
                return `${sign}${formatNumber(Math.abs(term.coef), 8)} × ${name}`;
              })}
            </code>
            <br />
            <code>{'risk = 1 / (1 + e^(−lp))'}</code>
          </p>
          <table>
            <thead>
              <tr>
                <th>{t('report.term')}</th>
                <th className="num">{t('report.coefficient')}</th>
                <th className="num">{t('report.oddsRatio')}</th>
              </tr>
            </thead>
            <tbody>
              <tr data-term="(intercept)" data-coef={String(equation.intercept)}>
                <td>{t('results.intercept')}</td>
                <td className="num">{formatNumber(equation.intercept, 8)}</td>
                <td className="num">–</td>
              </tr>
              {equation.terms.map((term) => (
                <tr key={term.feature} data-term={term.feature} data-coef={String(term.coef)}>
                  <td>
                    {term.kind === 'level'
                      ? t('report.levelTerm', { column: term.column, level: term.level })
                      : term.kind === 'term'
                        ? t('report.noteTerm', { column: term.column, term: term.term })
                        : t('report.unitTerm', { column: term.column })}
                  </td>
                  <td className="num">{formatNumber(term.coef, 8)}</td>
                  <td className="num">{formatOddsRatio(Math.exp(term.coef))}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="small">{t('report.equationCoding')}</p>
          <ul className="small">
            {equation.columns.map((c) => (
              <li key={c.column}>
                {c.kind === 'text' ? (
                  t('report.codingText', { column: c.column, count: c.text?.terms.length ?? 0, tf: c.text?.sublinearTf ? '1 + ln(count)' : 'count' })
                ) : (
                  <>
                    {c.kind === 'categorical'
                      ? t('report.codingCategorical', { column: c.column, reference: c.reference ?? '–' })
                      : t('report.codingNumeric', { column: c.column })}{' '}
                    {c.fill === null ? t('report.fillNone') : t('report.fillValue', { value: typeof c.fill === 'number' ? formatNumber(c.fill, 6) : c.fill })}
                  </>
                )}
              </li>
            ))}
          </ul>
          {recalibrated && <p className="small">{t('report.equationRecalibrated')}</p>}
        </>
      ) : (
        <p>{t('report.equationNone')}</p>
      )}
    </section>
  );
}

/** Where the report answers each TRIPOD+AI item, or that the author must (the appendix). */
export function TripodSection({ description }: { description: ModelDescription | null }) {
  const { t } = useTranslation();
  return (
    <section id="report-tripod" data-testid="report-tripod" className="report-appendix">
      <h2>{t('report.tripod')}</h2>
      <p className="small">{t('report.tripodIntro')}</p>
      <table>
        <thead>
          <tr>
            <th>{t('report.tripodItem')}</th>
            <th>{t('report.tripodTopic')}</th>
            <th>{t('report.tripodWhere')}</th>
          </tr>
        </thead>
        <tbody>
          {TRIPOD_AI_ITEMS.map((item) => {
            const filled = item.where.field !== undefined && (description?.[item.where.field] ?? '') !== '';
            const places = [
              ...(item.where.section && (item.where.section !== 'details' || filled) ? [t(`report.sections.${item.where.section}`)] : []),
              ...(item.where.author || (item.where.field && !filled) ? [t('report.tripodAuthor')] : []),
            ];
            return (
              <tr key={item.id} data-item={item.id} data-author={places.includes(t('report.tripodAuthor')) ? 'true' : undefined}>
                <td>{item.id}</td>
                <td>{t(`tripod.${item.id}`)}</td>
                <td>{places.join('; ')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/**
 * Treatment options compared in the cohort, when the user ran it: the caveat first, the standardized
 * risks and their differences against the chosen reference with their intervals, the difference the
 * screen showed, the warnings and the method. Summaries of the test rows only.
 */
export function TreatmentSection({ state, outcome }: { state: TreatmentState; outcome: string }) {
  const { t } = useTranslation();
  const c = state.result;
  const { reference, compared } = state;
  const level = (k: number) => c.options[k].level;
  const d = compared >= 0 && compared !== reference ? c.differences[compared][reference] : null;
  const num = (v: number) => (Number.isFinite(v) ? String(v) : undefined);
  return (
    <section id="report-treatment" data-testid="report-treatment">
      <h2>{t('report.sections.treatment')}</h2>
      <h3>{t('report.treatmentHeading', { column: c.column, outcome, rows: formatCount(c.testRows) })}</h3>
      <p className="report-warning">{t('treatment.caveat')}</p>
      <p>{t('report.treatmentText', { column: c.column, reference: level(reference) })}</p>
      <table data-testid="report-treatment-table">
        <thead>
          <tr>
            <th>{t('report.treatmentOption')}</th>
            <th className="num">{t('treatment.trainRows')}</th>
            <th className="num">{t('treatment.standardized')}</th>
            <th className="num">{t('treatment.cohortDifference', { reference: level(reference) })}</th>
          </tr>
        </thead>
        <tbody>
          {c.options.map((o, k) => (
            <tr key={o.level} data-level={o.level} data-standardized-risk={num(o.value)}>
              <td>
                {o.level}
                {k === reference && ` (${t('treatment.referenceTag')})`}
              </td>
              <td className="num">
                {formatCount(o.trainRows)} ({formatCount(o.trainEvents)})
              </td>
              <td className="num">{withInterval(o, (v) => formatPercent(v))}</td>
              <td className="num">{k === reference ? '—' : withInterval(c.differences[k][reference], formatPercentChange)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {d && (
        <p data-testid="report-treatment-difference" data-value={num(d.value)} data-ci-low={num(d.low)} data-ci-high={num(d.high)}>
          {Number.isFinite(d.low)
            ? t('treatment.difference', { compared: level(compared), reference: level(reference), value: formatPercentChange(d.value), low: formatPercentChange(d.low), high: formatPercentChange(d.high), rows: formatCount(c.testRows) })
            : t('treatment.differenceNoCi', { compared: level(compared), reference: level(reference), value: formatPercentChange(d.value), rows: formatCount(c.testRows) })}
        </p>
      )}
      {c.warnings.map((w) => (
        <p key={`${w.code}-${w.option}`} className="report-warning" data-kind={w.code}>
          {treatmentWarningText(t, c, w)}
        </p>
      ))}
      <p className="small">
        {t('treatment.method', { column: c.column, n: c.bootstrap.requested - c.bootstrap.failed, unit: t(`validation.unit.${c.bootstrap.unit}`), seed: c.bootstrap.seed })}
        {c.bootstrap.failed > 0 && ` ${t('treatment.failed', { count: c.bootstrap.failed })}`}
        {c.recalibrated && ` ${t('treatment.recalibrated')}`}
      </p>
    </section>
  );
}
