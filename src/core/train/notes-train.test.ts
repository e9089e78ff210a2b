import { describe, expect, it } from 'vitest';
import { MT19937 } from '../random/mt19937';
import { MODEL_KINDS, DEFAULT_MODELS, type ModelKind, type TrainSetup } from '../prep/setup';
import { tableOf, trained } from '../score/__fixtures__/clinic';
import { scorePatient } from '../score/patient';
import { scoreTable } from '../score/score-table';
import { parseModelFileText, toModelFile } from '../export/model-file';
import { modelDefinition } from '../models/registry';

// Every model kind trains on a file with a note column (typed as free text by the real reader), reads its terms
// through the sparse end of the design, writes them to the model file and reads them back to the same risks, and
// explains a patient's note term by term (linear models: the terms add up to the note's contribution).

function notesCsv(n = 360, seed = 5): string {
  const rng = new MT19937(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rng.random() * xs.length)];
  const risky = ['chest pain', 'shortness of breath', '胸痛', '呼吸困难'];
  const common = ['cough', 'mild fever', 'headache', '咳嗽', '乏力', 'no nausea'];
  const lines = ['id,age,note,died'];
  for (let i = 0; i < n; i++) {
    const died = rng.random() < 0.35;
    const parts = [pick(common)];
    if (rng.random() < (died ? 0.7 : 0.15)) parts.push(pick(risky));
    if (rng.random() < 0.5) parts.push(pick(common));
    const note = i % 29 === 0 ? '' : `"${parts.join(', ')} for ${1 + Math.floor(rng.random() * 9)} days${i % 97 === 3 ? ', seen by Dr Okonkwo' : ''}"`;
    lines.push([`P${1000 + i}`, Math.round(40 + 30 * rng.random() + (died ? 5 : 0)), note, died ? 'yes' : 'no'].join(','));
  }
  return lines.join('\n') + '\n';
}

const setup = (kind: ModelKind): TrainSetup => ({
  outcome: 'died', positiveClass: 'yes', features: ['note', 'age'], missing: 'mean', split: { kind: 'random', testFraction: 0.25, seed: 3 },
  model: kind === 'gd' ? { ...DEFAULT_MODELS.gd, epochs: 50 } : DEFAULT_MODELS[kind], seed: 11, cvFolds: 0,
});

describe.each(MODEL_KINDS)('%s with a note column', (kind) => {
  it('trains on the terms, round-trips the model file and explains a note term by term', async () => {
    const table = await tableOf(notesCsv());
    expect(table.columns.find((c) => c.name === 'note')?.type).toBe('text');
    const { report, run } = await trained(table, setup(kind));
    const terms = run.prepared.fitted.features.filter((f) => f.kind === 'term').map((f) => f.name);
    expect(terms).toContain('note:chest pain');
    expect(terms).toContain('note:胸痛');
    expect(terms.some((t) => t.includes('okonkwo'))).toBe(false); // two patients' notes only
    expect(report.test.auc).toBeGreaterThan(0.7);

    const file = toModelFile({ fitted: run.prepared.fitted, model: run.model, report, threshold: 0.5, appVersion: '0.1.0', createdAt: '2026-12-03T00:00:00.000Z' });
    const text = JSON.stringify(file);
    expect(text.toLowerCase()).not.toContain('okonkwo');
    const back = parseModelFileText(text);
    if (!back.ok) throw new Error(`${back.error.code}: ${back.error.detail}`);
    const a = await scoreTable(table, run.prepared.fitted, run.model, 0.5);
    const b = await scoreTable(table, back.value.fitted, back.value.model, 0.5);
    if (!a.ok || !b.ok) throw new Error('scoring failed');
    for (let i = 0; i < a.value.risk.length; i++) expect(b.value.risk[i]).toBeCloseTo(a.value.risk[i], 12);

    const values = run.prepared.fitted.transforms.map((t) => (t.kind === 'text' ? 'Chest pain and cough, 胸痛 3 days' : t.kind === 'numeric' ? 60 : null));
    const p = scorePatient(run.prepared.fitted, run.model, values);
    if (!p.ok) throw new Error(p.error.code);
    const note = p.value.contributions.find((c) => c.column === 'note');
    if (modelDefinition(kind).traits.linear) {
      const listed = note?.terms ?? [];
      // a phrase's words and characters always come together here, so their columns are identical: the MLE keeps one of each
      const named = listed.map((x) => x.term);
      expect(named.some((x) => ['chest pain', 'chest', 'pain'].includes(x))).toBe(true);
      expect(named.some((x) => ['胸痛', '胸', '痛'].includes(x))).toBe(true);
      expect(listed.reduce((s, x) => s + x.contribution, 0)).toBeCloseTo(note?.contribution ?? NaN, 10);
      const total = p.value.contributions.reduce((s, c) => s + c.contribution, 0);
      expect(total).toBeCloseTo(p.value.score - p.value.reference.score, 9);
    } else expect(Number.isFinite(note?.contribution)).toBe(true);
  }, 60_000);
});
