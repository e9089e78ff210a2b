import { DEFAULT_MODELS } from '../core/models/registry';
import type { ModelDescription } from '../core/report/description';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useWorkbench } from './useWorkbench';
import { LoadStep } from './LoadStep';
import { DataStep } from './DataStep';
import { SetupStep } from './SetupStep';
import { ResultsStep } from './results/ResultsStep';
import { ComparisonPanel } from './results/ComparisonPanel';
import { LossChart } from '../components/charts/LossChart';
import { ProgressPanel } from '../components/ProgressPanel';
import { ErrorAlert } from '../components/ErrorAlert';
import { useWindowDrop } from '../components/useWindowDrop';
import { useUpdate } from './useUpdate';
import { Later } from '../components/Later';
import { Retirer, RetireContext } from '../components/retire';
import { LanguageSelect } from './LanguageSelect';
import { fetchSample, type Sample } from './samples';
import { UseModelStep } from './use/UseModelStep';
import { SessionPanel } from './privacy/SessionPanel';
import { DeidPanel } from './privacy/DeidPanel';
import { download, datedName } from './download';
import type { TrainSetup } from '../core/prep/setup';
import type { AppError } from '../core/errors';
import type { DeidRequest } from '../worker/api';
import type { RecalibrationMethod } from '../core/validation/external';
import { ValidationStep } from './validation/ValidationStep';

/** The flow as steps on one page: load → check the data → set up → results. */
export function App() {
  const { t } = useTranslation();
  // takes the results down a part per frame while a new file is read (components/retire.ts)
  const [retirer] = useState(() => new Retirer());
  const wb = useWorkbench(retirer);
  const { state, load, showError, setThreshold, scoreFile, fetchExport, fetchModelFile } = wb;
  // stable callbacks for the memoized results and model steps: progress ticks re-render App, not them
  const onThreshold = useCallback((v: number) => void setThreshold(v), [setThreshold]);
  const onScoreFile = useCallback((f: File) => void scoreFile(f), [scoreFile]);
  const fetchBatchCsv = useCallback(() => fetchExport((api) => api.batchCsv()), [fetchExport]);
  const fetchCode = useCallback((kind: 'sklearn' | 'pyspark') => fetchExport((api) => api.code(kind)), [fetchExport]);
  const { validateBootstrap, applyShrinkage, validateExternal, recalibrate, subgroups } = wb;
  const onBootstrap = useCallback((n: number) => void validateBootstrap(n), [validateBootstrap]);
  const onShrink = useCallback(() => void applyShrinkage(), [applyShrinkage]);
  const onExternal = useCallback((f: File) => void validateExternal(f), [validateExternal]);
  const onRecalibrate = useCallback((m: RecalibrationMethod) => void recalibrate(m), [recalibrate]);
  const onSubgroups = useCallback((c: string) => void subgroups(c), [subgroups]);
  const { compareTreatments, setTreatmentContrast, queryTreatment } = wb;
  const onCompareTreatments = useCallback((column: string, n: number) => void compareTreatments(column, n), [compareTreatments]);
  const [formSetup, setFormSetup] = useState<TrainSetup | null>(null);
  // the odds ratios' increments (per 10 years…), by feature name: kept across trainings on the same columns
  const [increments, setIncrements] = useState<Record<string, number>>({});
  // a setup the app put in the form (Firth's model offered after a separation): the form starts again from it
  const [formOverride, setFormOverride] = useState<{ setup: TrainSetup; n: number; version: number } | null>(null);
  const { describeModel } = wb;
  const onDescribe = useCallback((d: ModelDescription) => describeModel(d), [describeModel]);
  const trainedSetup = state.trainedSetup;
  const datasetVersion = state.datasetVersion;
  const trainModel = wb.train;
  const onFirth = useCallback(() => {
    if (!trainedSetup) return;
    const setup: TrainSetup = { ...trainedSetup, model: DEFAULT_MODELS['logreg-firth'] };
    setFormOverride((o) => ({ setup, n: (o?.n ?? 0) + 1, version: datasetVersion }));
    void trainModel(setup);
  }, [trainedSetup, datasetVersion, trainModel]);
  const onIncrement = useCallback((feature: string, k: number) => setIncrements((m) => ({ ...m, [feature]: k })), []);
  const update = useUpdate();
  const busy = state.busy !== null;
  const onFile = useCallback((file: File) => void load(file, file.name), [load]);
  // stable callbacks for the memoized dataset steps (profile, setup form, de-identification), whose size grows
  // with the file's columns: a progress tick re-renders App, and must not re-render 200 columns' rows with it
  const { deriveAge, setPatientKey, setNotIdentifier, deidentify, compare } = wb;
  const onDeriveAge = useCallback((c: string) => void deriveAge(c), [deriveAge]);
  const onPatientKey = useCallback((c: string | null) => void setPatientKey(c), [setPatientKey]);
  const onNotIdentifier = useCallback((c: string, flag: boolean) => void setNotIdentifier(c, flag), [setNotIdentifier]);
  const onTrain = useCallback((s: TrainSetup) => void trainModel(s), [trainModel]);
  const onCompare = useCallback((s: TrainSetup) => void compare(s), [compare]);
  const onInvalid = useCallback((e: AppError) => showError('train', e), [showError]);
  const datasetFileName = state.dataset?.fileName;
  const onDeid = useCallback(
    (request: DeidRequest) =>
      void deidentify(request).then((blob) => blob && download(blob, datedName(`${(datasetFileName ?? 'data').replace(/\.[^.]*$/, '')}-deidentified`, 'csv'))),
    [deidentify, datasetFileName],
  );
  const dragging = useWindowDrop(onFile, !busy);
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // new results: take keyboard and screen-reader users (and the eye) to them
    resultsHeading.current?.focus({ preventScroll: true });
    resultsHeading.current?.scrollIntoView({ block: 'start' });
  }, [state.report]);
  const onSample = useCallback(
    async (sample: Sample) => {
      try {
        await load(await fetchSample(sample), sample.file);
      } catch (e) {
        showError('load', { code: 'internal', detail: e instanceof Error ? e.message : String(e) });
      }
    },
    [load, showError],
  );

  return (
    <div className={`app${dragging ? ' dragging' : ''}`}>
      <header className="app-header">
        <div>
          <h1>{t('app.title')}</h1>
          <p className="tagline">{t('app.tagline')}</p>
        </div>
        <LanguageSelect />
      </header>
      {update.waiting && (
        <div className="update-banner" data-testid="update-banner" role="status">
          {t('update.ready')}{' '}
          <button type="button" className="secondary" onClick={update.apply}>
            {t('update.reload')}
          </button>
        </div>
      )}
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          {t('load.dropNow')}
        </div>
      )}
      <main className="layout">
        <aside className="sidebar">
          <section aria-labelledby="step-load">
            <h2 id="step-load">
              <span className="step">1</span> {t('steps.load')}
            </h2>
            <LoadStep busy={busy} onFile={onFile} onSample={(s) => void onSample(s)} onModelFile={(f) => void wb.importModel(f)} />
          </section>
          {state.dataset && (
            <section aria-labelledby="step-setup">
              <h2 id="step-setup">
                <span className="step">3</span> {t('steps.setup')}
              </h2>
              <SetupStep
                key={`${state.datasetVersion}-${formOverride?.n ?? 0}`}
                dataset={state.dataset}
                busy={busy}
                initial={formOverride?.version === state.datasetVersion ? formOverride.setup : state.restoredSetup}
                onChange={setFormSetup}
                onTrain={onTrain}
                onCompare={onCompare}
                onInvalid={onInvalid}
              />
            </section>
          )}
          <section aria-labelledby="step-privacy">
            <h2 id="step-privacy">{t('privacy.heading')}</h2>
            <SessionPanel
              saved={state.saved}
              canSave={state.dataset !== null}
              busy={busy}
              onSave={(p) => void wb.saveSession(p, formSetup)}
              onOpen={(p) => void wb.openSession(p)}
              onForget={() => void wb.forgetEverything()}
            />
          </section>
        </aside>
        <RetireContext.Provider value={retirer}>
        <div className="content">
          <div aria-live="polite" className="status" data-testid="status">
            {state.status && !busy ? t(`status.${state.status}`, { file: state.dataset?.fileName ?? '' }) : ''}
          </div>
          {state.busy && <ProgressPanel task={state.busy.task} progress={state.busy.progress} onCancel={wb.cancel} />}
          {state.busy && state.busy.loss.length > 0 && (
            <section aria-label={t('evaluation.lossTitleLive')} className="live-loss" data-testid="chart-loss-live-section">
              <LossChart points={state.busy.loss} live testId="chart-loss-live" />
            </section>
          )}
          {state.error && <ErrorAlert error={state.error.error} fileName={state.error.fileName} onDismiss={wb.dismissError} onReload={wb.reloadLastFile} />}
          {state.report && state.trainedSetup && state.current && (
            <section aria-labelledby="step-results">
              <h2 id="step-results" tabIndex={-1} ref={resultsHeading}>
                <span className="step">4</span> {t('steps.results')}
              </h2>
              <ResultsStep
                report={state.report}
                setup={state.trainedSetup}
                current={state.current}
                onThreshold={onThreshold}
                increments={increments}
                onIncrement={onIncrement}
                onFirth={state.trainedSetup.model.kind === 'logreg-mle' ? onFirth : undefined}
              />
            </section>
          )}
          {state.model && (
            <section aria-labelledby="step-validate">
              <h2 id="step-validate">{t('steps.validate')}</h2>
              <Later order={10} height={300}>
                <ValidationStep
                  model={state.model}
                  report={state.model.source === 'trained' ? state.report : null}
                  dataset={state.dataset}
                  validation={state.validation}
                  busy={busy}
                  onBootstrap={onBootstrap}
                  onShrink={onShrink}
                  onExternal={onExternal}
                  onRecalibrate={onRecalibrate}
                  onSubgroups={onSubgroups}
                />
              </Later>
            </section>
          )}
          {state.comparison && (
            <section aria-labelledby="step-compare">
              <h2 id="step-compare">{t('comparison.title')}</h2>
              <ComparisonPanel rows={state.comparison} />
            </section>
          )}
          {state.model && (
            <section aria-labelledby="step-use">
              <h2 id="step-use">
                <span className="step">5</span> {t('steps.use')}
              </h2>
              {/* a field per model column, below the results: not laid out while off screen */}
              <div className="offscreen-skip">
              <Later order={12} height={600}>
              <UseModelStep
                model={state.model}
                dataset={state.dataset}
                report={state.report}
                setup={state.trainedSetup}
                current={state.model.source === 'trained' ? state.current : null}
                batch={state.batch}
                busy={busy}
                query={wb.queryPatient}
                onScoreFile={onScoreFile}
                fetchBatchCsv={fetchBatchCsv}
                fetchModelFile={fetchModelFile}
                fetchCode={fetchCode}
                validation={state.validation}
                increments={increments}
                onDescribe={onDescribe}
                treatmentQuery={queryTreatment}
                onCompareTreatments={onCompareTreatments}
                onTreatmentContrast={setTreatmentContrast}
              />
              </Later>
              </div>
            </section>
          )}
          {state.dataset ? (
            <section aria-labelledby="step-data">
              <h2 id="step-data">
                <span className="step">2</span> {t('steps.data')}
              </h2>
              {/* keyed by the dataset: a new file's profile mounts a frame after the old results unmount; below the
                  results it is not laid out while off screen (a wide file's profile is a row per column) */}
              <div className="offscreen-skip">
              <Later key={`${state.datasetVersion}-${state.dataset.cols}`} order={1} height={400}>
                <DataStep
                  dataset={state.dataset}
                  busy={busy}
                  onDeriveAge={onDeriveAge}
                  onPatientKey={onPatientKey}
                  onNotIdentifier={onNotIdentifier}
                />
              </Later>
              </div>
            </section>
          ) : null}
          {state.dataset ? (
            <section aria-labelledby="step-deid">
              <h2 id="step-deid">{t('deid.heading')}</h2>
              {/* below the profile: not laid out while off screen (a wide file's table holds a select per column) */}
              <div className="offscreen-skip">
              <Later key={`${state.datasetVersion}-${state.dataset.cols}`} order={3} height={300}>
              <DeidPanel
                key={`${state.datasetVersion}-${state.dataset.cols}`}
                dataset={state.dataset}
                busy={busy}
                report={state.deid}
                onExport={onDeid}
              />
              </Later>
              </div>
            </section>
          ) : (
            !state.busy && <Welcome />
          )}
        </div>
        </RetireContext.Provider>
      </main>
      <footer className="app-footer">{t('app.footer')}</footer>
    </div>
  );
}

function Welcome() {
  const { t } = useTranslation();
  return (
    <div className="welcome">
      <p className="lead">{t('welcome.lead')}</p>
      <ol>
        <li>{t('welcome.step1')}</li>
        <li>{t('welcome.step2')}</li>
        <li>{t('welcome.step3')}</li>
        <li>{t('welcome.step4')}</li>
      </ol>
      <p className="privacy-note">{t('welcome.privacy')}</p>
    </div>
  );
}
