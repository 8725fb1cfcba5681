import { OTHER_LEVEL } from "../../ml/preprocess";
import type { Explanation, FeatureValue } from "../../ml/types";
import { postFeatures } from "./post-features";
import { extraFeature, userFeatures } from "./user-features";
import type { FeatureContribution, PredictionExplanation } from "./prediction.types";

function describe(feature: string): string {
  const extra = extraFeature(feature);
  // A CRM attribute keeps its own name (the CRM's column), marked as such.
  if (extra) return `CRM “${extra}”`;
  return postFeatures[feature]?.description ?? userFeatures[feature]?.description ?? feature;
}

function valueText(value: FeatureValue): string | null {
  if (value === null || value === undefined || (typeof value === "number" && Number.isNaN(value))) return null;
  if (typeof value === "boolean") return value ? "yes" : "no";
  // At most two decimals, without trailing zeros: "100", "0.25", "3.1".
  if (typeof value === "number") return String(Number(value.toFixed(2)));
  return value;
}

/** A value as a label writes it: a weekday or a month by name, an hour as a time; otherwise as `valueText`. */
function shown(feature: string, value: FeatureValue): string | null {
  const v = valueText(value);
  const show = postFeatures[feature]?.show;
  return v !== null && show && (typeof value === "string" || typeof value === "number") ? show(typeof value === "number" ? Number(v) : value) : v;
}

function label(feature: string, value: FeatureValue, readAs: FeatureValue | undefined): string {
  const v = shown(feature, value);
  if (v === null) return `${describe(feature)} unknown`;
  if (typeof value === "boolean") return `${describe(feature)}: ${v}`;
  // The model read the value otherwise: say how, so that the explanation is of what it computed.
  if (readAs === OTHER_LEVEL) return `${describe(feature)} is ${v} (not a category the model learned: read as any other)`;
  if (typeof readAs === "number") return `${describe(feature)} is ${v} (beyond the model's training: read as ${shown(feature, readAs)})`;
  return `${describe(feature)} is ${v}`;
}

/** A probability in words: one decimal, but never "0.0%" or "100.0%" for what is only near them. */
export function percent(p: number): string {
  const text = (p * 100).toFixed(1);
  if (p > 0 && text === "0.0") return "under 0.1%";
  if (p < 1 && text === "100.0") return "over 99.9%";
  return `${text}%`;
}

/**
 * An engine explanation in words a marketer reads: each contribution labelled with its feature and
 * value, and a summary naming what raised and what lowered the prediction most.
 */
export function explainInWords(e: Explanation, unit: string): PredictionExplanation {
  const probability = unit === "probability";
  const amount = (x: number) => (probability ? `${x >= 0 ? "+" : "−"}${Math.abs(x * 100).toFixed(1)} pts` : `${x >= 0 ? "+" : "−"}${Math.abs(x).toFixed(1)}`);
  const level = (x: number) => (probability ? percent(x) : `${x.toFixed(1)} ${unit}`);
  // A feature that moved nothing (a CRM field this person has no value for, say) is left out of the list, unless the
  // model read its value otherwise (a category it never learned says so even when it weighs nothing).
  const contributions: FeatureContribution[] = e.contributions.filter((c) => c.contribution !== 0 || c.readAs !== undefined).map((c) => ({
    feature: c.feature,
    label: label(c.feature, c.value, c.readAs),
    value: valueText(c.value),
    readAs: c.readAs === undefined ? null : valueText(c.readAs),
    contribution: c.contribution,
  }));
  const significant = (c: FeatureContribution) => Math.abs(c.contribution) >= Math.max(1e-9, Math.abs(e.prediction - e.base) * 0.02);
  const up = contributions.filter((c) => c.contribution > 0 && significant(c)).slice(0, 3);
  const down = contributions.filter((c) => c.contribution < 0 && significant(c)).slice(0, 3);
  const list = (cs: FeatureContribution[]) => cs.map((c) => `${c.label} (${amount(c.contribution)})`).join(", ");
  const parts = [`${probability ? "Probability" : "Expected"} ${level(e.prediction)}, against ${level(e.base)} on average.`];
  if (up.length) parts.push(`Raised most by ${list(up)}.`);
  if (down.length) parts.push(`Lowered most by ${list(down)}.`);
  return { base: e.base, prediction: e.prediction, contributions, summary: parts.join(" ") };
}
