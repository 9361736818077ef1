// What every section of report.html shares: the data, the models in a fixed order, the fields, number formats.

import { grouped } from "../../core/format.js";
import type { ModelSummary } from "../../core/summary.js";
import type { ReportData } from "../../summary/report-data-types.js";
import { fieldNames, humanFieldNames } from "../console.js";

export interface View {
  data: ReportData;
  /** Model ids in summary order, then any that only appear in latencies or disagreements. */
  models: string[];
  /** A model's position in `models`: its colour and marker. */
  index: (id: string) => number;
  summaryOf: (id: string) => ModelSummary | undefined;
  fields: string[];
  humanFields: string[];
}

export function view(data: ReportData): View {
  const ids = new Set(data.summary.models.map((m) => m.id));
  for (const id of Object.keys(data.latencies)) ids.add(id);
  for (const id of Object.keys(data.schemaFailures)) ids.add(id);
  for (const d of data.disagreements) for (const id of Object.keys(d.values)) ids.add(id);
  const models = [...ids];
  const positions = new Map(models.map((id, i) => [id, i]));
  const byId = new Map(data.summary.models.map((m) => [m.id, m]));
  return {
    data,
    models,
    index: (id) => positions.get(id) ?? 0,
    summaryOf: (id) => byId.get(id),
    fields: fieldNames(data.summary),
    humanFields: humanFieldNames(data.summary),
  };
}

/** Cost per 1,000 answered calls, the unit the cost chart uses; null when the price is unknown. */
export function costPerThousand(m: ModelSummary): number | null {
  const answered = m.calls - m.errors;
  return m.costUsd === null || answered <= 0 ? null : (m.costUsd / answered) * 1000;
}

/** A signed change: percentage points for rates, ms for latency, USD for cost. */
export function signed(metric: string, value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  const sign = value > 0 ? "+" : value < 0 ? "−" : "±";
  const abs = Math.abs(value);
  if (/latency/i.test(metric)) return `${sign}${Math.round(abs)} ms`;
  if (/cost/i.test(metric)) return `${sign}$${abs < 0.01 && abs > 0 ? abs.toFixed(5) : abs.toFixed(2)}`;
  return `${sign}${(abs * 100).toFixed(1)} pp`;
}

export function pValue(p: number | null | undefined): string {
  if (p === null || p === undefined) return "—";
  return p < 0.001 ? "p < 0.001" : `p = ${p.toFixed(3)}`;
}

/** An ISO timestamp as "2025-06-01 14:03 UTC", the same for every reader. */
export function when(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function count(n: number, one: string, many = `${one}s`): string {
  return `${grouped(n)} ${n === 1 ? one : many}`;
}
