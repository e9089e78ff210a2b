import { Later } from '../../components/Later';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BatchPreview, DatasetSummary, ModelInfo } from '../../worker/api';
import type { TrainReport, ThresholdResult } from '../../core/train/report';
import type { TrainSetup } from '../../core/prep/setup';
import { PatientPanel, type PatientQuery } from './PatientPanel';
import type { TreatmentProps } from './TreatmentPanel';
import { BatchPanel } from './BatchPanel';
import { ReportView } from '../report/ReportView';
import { DescribeForm } from '../report/DescribeForm';
import type { ValidationState } from '../useWorkbench';
import type { Increments } from '../../components/odds-ratio-text';
import type { ModelDescription } from '../../core/report/description';
import reportCss from '../report/report.css?inline';
import { download, datedName } from '../download';
import { formatNumber, formatPercent } from '../format';

interface Props {
  model: ModelInfo;
  dataset: DatasetSummary | null;
  report: TrainReport | null;
  setup: TrainSetup | null;
  current: ThresholdResult | null;
  batch: BatchPreview | null;
  busy: boolean;
  query: PatientQuery;
  onScoreFile: (file: File) => void;
  fetchBatchCsv: () => Promise<Blob | null>;
  /** The model file's text (the engine saves it at the threshold it holds, and the fingerprint is shown from then on). */
  fetchModelFile: () => Promise<string | null>;
  fetchCode: (kind: 'sklearn' | 'pyspark') => Promise<string | null>;
  /** Validation results of this session, and the odds ratios' increments: the report shows them. */
  validation: ValidationState;
  increments: Increments;
  /** The author's description of the study (report, model file). */
  /** Resolves to whether the description was saved with the model. */
  onDescribe: (description: ModelDescription) => Promise<boolean>;
  /** Treatment options compared: one patient's (asked as the form changes) and the cohort's. */
  treatmentQuery: TreatmentProps['query'];
  onCompareTreatments: TreatmentProps['onCompare'];
  onTreatmentContrast: TreatmentProps['onContrast'];
}

/**
 * Step 5: one patient's risk and why, what-if, batch scoring, and sharing the model (not the data).
 * Memoized: a progress tick elsewhere in the app does not re-render the patient form and its charts.
 */
export const UseModelStep = memo(function UseModelStep(p: Props) {
  const { t } = useTranslation();
  const threshold = p.model.threshold;
  const base = `${p.model.outcome}-${p.model.kind}`;
  const [reportMode, setReportMode] = useState<'download' | 'print' | null>(null);
  const reportRef = useRef<HTMLDivElement>(null);
  const canReport = p.report !== null && p.dataset !== null && p.setup !== null && p.current !== null;
  // the same objects while nothing in them changes: the patient panel (a field per column) is memoized
  const patientModel = useMemo(() => ({ ...p.model, threshold }), [p.model, threshold]);
  const canCompare = p.model.source === 'trained' && p.report !== null && p.dataset !== null;
  const treatment = useMemo(
    () => ({ cohort: p.validation.treatment, busy: p.busy, canCompare, query: p.treatmentQuery, onCompare: p.onCompareTreatments, onContrast: p.onTreatmentContrast }),
    [p.validation.treatment, p.busy, canCompare, p.treatmentQuery, p.onCompareTreatments, p.onTreatmentContrast],
  );

  // the report renders off-screen, then (after its charts have laid out) is saved or printed
  useEffect(() => {
    if (!reportMode) return;
    const handle = window.setTimeout(() => {
      const node = reportRef.current;
      if (node && reportMode === 'download') download(standaloneReport(node.outerHTML, t('report.documentTitle')), datedName(`${base}-report`, 'html'), 'text/html;charset=utf-8');
      if (node && reportMode === 'print') window.print();
      setReportMode(null);
    }, 150);
    return () => clearTimeout(handle);
  }, [reportMode, base, t]);

  const save = useCallback(async (what: 'batch' | 'model' | 'sklearn' | 'pyspark') => {
    if (what === 'batch') {
      const blob = await p.fetchBatchCsv();
      if (blob) download(blob, datedName(`${p.batch?.fileName.replace(/\.[^.]*$/, '') ?? 'patients'}-scored`, 'csv'));
    } else if (what === 'model') {
      const text = await p.fetchModelFile();
      if (text) download(text, datedName(`${base}-model`, 'json'), 'application/json');
    } else {
      const code = await p.fetchCode(what);
      if (code) download(code, datedName(`${base}-${what}`, 'py'), 'text/x-python;charset=utf-8');
    }
  }, [p, base]);

  return (
    <div className="use-model">
      <p className="lead">
        {t('use.lead', { model: t(`models.${p.model.kind}`), outcome: `${p.model.outcome} = ${p.model.positiveClass}`, threshold: formatNumber(threshold, 2) })}
        {p.model.source === 'imported' && p.model.training && (
          <span className="muted"> {t('use.imported', { date: p.model.createdAt ?? '', auc: formatNumber(p.model.training.test.auc ?? NaN, 3), prevalence: formatPercent(p.model.training.prevalence.train ?? NaN) })}</span>
        )}
      </p>
      <h3>{t('use.patientHeading')}</h3>
      <PatientPanel key={`${p.model.source}-${p.model.kind}-${p.model.fields.length}`} model={patientModel} query={p.query} treatment={treatment} />
      {/* mounted a few frames after the patient panel: one commit of the whole step was a 50 ms task */}
      <Later order={6} height={400}>
      <h3>{t('use.batchHeading')}</h3>
      <BatchPanel batch={p.batch} busy={p.busy} onFile={p.onScoreFile} onDownload={() => void save('batch')} />
      <h3>{t('use.shareHeading')}</h3>
      <DescribeForm key={`${p.model.source}-${p.model.kind}-${p.model.outcome}`} initial={p.model.description} onSave={p.onDescribe} />
      <div className="share">
        <button type="button" className="secondary" data-testid="model-download" onClick={() => void save('model')}>
          {t('use.modelDownload')}
        </button>
        <button type="button" className="secondary" data-testid="report-download" disabled={!canReport} onClick={() => setReportMode('download')}>
          {t('use.reportDownload')}
        </button>
        <button type="button" className="secondary" data-testid="report-print" disabled={!canReport} onClick={() => setReportMode('print')}>
          {t('use.reportPrint')}
        </button>
        <button type="button" className="secondary" data-testid="code-download-sklearn" disabled={p.model.source !== 'trained'} onClick={() => void save('sklearn')}>
          {t('use.codeSklearn')}
        </button>
        <button type="button" className="secondary" data-testid="code-download-pyspark" disabled={p.model.source !== 'trained'} onClick={() => void save('pyspark')}>
          {t('use.codePyspark')}
        </button>
      </div>
      <p className="hint">{t('use.shareHint')}</p>
      {p.model.fingerprint && (
        <p className="fingerprint" data-testid="model-fingerprint" data-value={p.model.fingerprint}>
          {t(p.model.source === 'imported' ? 'use.fingerprintOpened' : 'use.fingerprintSaved')} <code>{groupHex(p.model.fingerprint)}</code>
        </p>
      )}
      </Later>
      {reportMode && canReport && (
        <div className="report-stage">
          <ReportView
            ref={reportRef}
            dataset={p.dataset as DatasetSummary}
            report={p.report as TrainReport}
            setup={p.setup as TrainSetup}
            current={p.current as ThresholdResult}
            model={p.model}
            validation={p.validation}
            increments={p.increments}
          />
        </div>
      )}
    </div>
  );
});

/** 64 hex digits in groups of 4, so that two people can read them to each other over the phone. */
function groupHex(hex: string): string {
  return hex.replace(/(.{4})(?=.)/g, '$1 ');
}

/** The report as one self-contained HTML file: its styles inline, no script, and a CSP that allows nothing else. */
function standaloneReport(body: string, title: string): string {
  const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="${document.documentElement.lang || 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>${reportCss}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
