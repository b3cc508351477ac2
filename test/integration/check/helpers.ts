// Shared by the check fixture tests: the secret, the request ceiling, and lookups into a report.
import assert from "node:assert/strict";
import type { CheckReport, ProbeResult } from "../../../src/check/types.js";
import type { WebhookProvider } from "../../../src/providers/types.js";
import { zoomProvider } from "../../../src/providers/zoom/index.js";

export const SECRET = "check_fixture_secret";
/** A run never sends more than a few dozen requests. */
export const MAX_REQUESTS = 36;

export function probe(report: CheckReport, id: string): ProbeResult {
  const found = report.probes.find((p) => p.id === id);
  assert.ok(found, `probe ${id} missing from ${report.probes.map((p) => p.id).join(", ")}`);
  return found;
}

export function verdicts(report: CheckReport): Record<string, string> {
  return Object.fromEntries(report.probes.map((p) => [p.id, p.verdict]));
}

/** Zoom with a shorter answer budget: the slow-answer thresholds follow it, so a slow fixture need not take seconds. */
export function hurriedZoom(budgetMs: number): WebhookProvider {
  return { ...zoomProvider, rules: { ...zoomProvider.rules, answerBudgetMs: budgetMs } };
}
