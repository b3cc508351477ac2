// The terminal report of `run`: a line per step with status, answer and latency; the first failing expectation with a diff.
import assert from "node:assert/strict";
import { it } from "node:test";
import { prettyReporter } from "../../../src/cli/render/run.js";
import type { RunResult, Scenario, StepResult } from "../../../src/scenario/types.js";

it("prints each step as it ends, then the app's output (on failure) and the totals", () => {
  let text = "";
  const r = prettyReporter((t) => (text += t), false);
  r.scenarioStart({ name: "lifecycle", file: "s.yaml" } as Scenario, "http://127.0.0.1:1/webhook");
  const exchange = (status: number, latencyMs: number) => ({ request: { method: "POST", url: "u", headers: {}, body: "" }, response: { status, headers: {}, body: "{}", latencyMs } });
  const steps: StepResult[] = [
    { index: 1, name: "created", type: "send", status: "passed", durationMs: 5, exchanges: [exchange(200, 4.6)], failures: [] },
    {
      index: 2,
      name: "stored",
      type: "http",
      status: "failed",
      durationMs: 9,
      attempts: 3,
      exchanges: [exchange(200, 8)],
      failures: [
        { check: "body.meeting", message: "body.meeting: expected …", expected: { topic: "Standup", n: 1 }, actual: { topic: "Retro", n: 1 } },
        { check: "status", message: "expected status 201, got 200" },
      ],
    },
    { index: 3, name: "later", type: "wait", status: "skipped", durationMs: 0, exchanges: [], failures: [], skipReason: "--bail: an earlier step failed" },
  ];
  for (const s of steps) r.step(s);
  r.done({ status: "failed", durationMs: 1500, summary: { scenarios: 1, steps: 3, passed: 1, failed: 1, skipped: 1 }, scenarios: [], appOutput: "app says hi\n" } as RunResult);
  assert.equal(
    text,
    [
      "",
      "lifecycle  s.yaml → http://127.0.0.1:1/webhook",
      "  ✔ 1. created  200  5 ms",
      "  ✖ 2. stored  200  8 ms  (3 attempts)",
      "      body.meeting: expected …",
      "        - expected  + actual",
      "          {",
      '        -   "topic": "Standup",',
      '            "n": 1',
      "          }",
      "          {",
      '        +   "topic": "Retro",',
      '            "n": 1',
      "          }",
      "      and 1 more: status",
      "  - 3. later  skipped (--bail: an earlier step failed)",
      "",
      "── app output ──",
      "app says hi",
      "────────────────",
      "",
      "1 passed, 1 failed, 1 skipped  (1 scenario, 1.50 s)",
      "",
    ].join("\n"),
  );
});
