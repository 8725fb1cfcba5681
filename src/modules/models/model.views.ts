import type { CandidateResult, Metrics, QualityReport, SelectionResult } from "../../ml/types";
import type { ModelVersion } from "./model-version.entity";
import { CandidateScore, CrossValidation, DataQualityReport, FeatureImportanceItem, HoldoutEvaluation, MetricValue } from "./model.types";

/** The stored JSON of a version, as the GraphQL types present it. */

function score(c: CandidateResult, winner: boolean): CandidateScore {
  return { algorithm: c.algorithm, params: c.params, mean: MetricValue.list(c.mean), std: MetricValue.list(c.std), fitSeconds: c.fitSeconds, winner };
}

export function crossValidationOf(v: ModelVersion): CrossValidation | null {
  const s = v.cvResults as unknown as SelectionResult | null;
  if (!s?.best) return null;
  const same = (c: CandidateResult) => c.algorithm === s.best.algorithm && JSON.stringify(c.params) === JSON.stringify(s.best.params);
  // Candidates are stored best first; a text model's best carries its refit's parameters too, so it may match none.
  const anySame = s.candidates.some(same);
  return { metric: s.metric, baseline: score(s.baseline, false), candidates: s.candidates.map((c, i) => score(c, same(c) || (!anySame && i === 0))) };
}

export function holdoutOf(v: ModelVersion): HoldoutEvaluation | null {
  const h = v.holdoutMetrics as { rows?: number; model?: Metrics; baseline?: Metrics; decision?: string } | null;
  if (!h?.model) return null;
  return { rows: h.rows ?? 0, metrics: MetricValue.list(h.model), baseline: MetricValue.list(h.baseline), decision: h.decision ?? "" };
}

export function importancesOf(v: ModelVersion): FeatureImportanceItem[] {
  const list = (v.importances as { permutation?: FeatureImportanceItem[] } | null)?.permutation ?? [];
  return list.map((i) => ({ feature: i.feature, importance: i.importance, std: i.std }));
}

export function qualityOf(v: ModelVersion): DataQualityReport | null {
  const q = v.qualityReport as unknown as QualityReport | null;
  if (!q) return null;
  return {
    rows: q.rows,
    duplicateRows: q.duplicateRows,
    columns: q.columns.map((c) => ({ ...c, quartiles: c.quartiles ?? null, outliers: c.outliers ?? null, topLevels: c.topLevels ?? null })),
    target: (q.target as Record<string, unknown> | undefined) ?? null,
    cleaning: q.cleaning,
    warnings: q.warnings,
    errors: q.errors,
  };
}
