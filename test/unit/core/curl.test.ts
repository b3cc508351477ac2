// Copy as curl aims at the receiver whatever path the sender wrote: absolute-form and //host paths stay paths.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Capture } from "../../../src/shared/capture.js";
import { toCurl } from "../../../src/inspector/curl.js";

function capture(path: string): Capture {
  const body = Buffer.from("{}");
  return {
    id: "c1", receivedAt: new Date(0).toISOString(), method: "POST", path, headers: [], body, bodySize: 2, truncated: false,
    kind: "malformed", verification: "unsigned", response: { status: 400, headers: {}, body: "" }, durationMs: 1,
  };
}

const ENDPOINT = "https://fluffy-otter-42.ngrok-free.app/webhook";
const firstLine = (path: string, endpoint: string | undefined) => toCurl(capture(path), endpoint, false).split(" \\\n")[0];

test("the captured path and query go to the receiver's origin", () => {
  assert.equal(firstLine("/webhook?x=1", ENDPOINT), "curl -X POST 'https://fluffy-otter-42.ngrok-free.app/webhook?x=1'");
  assert.equal(firstLine("/webhook", undefined), "curl -X POST 'http://127.0.0.1/webhook'");
});

test("an absolute-form or //host request target never changes the host", () => {
  assert.equal(firstLine("http://attacker.example/steal?x=1", ENDPOINT), "curl -X POST 'https://fluffy-otter-42.ngrok-free.app/steal?x=1'");
  assert.equal(firstLine("//attacker.example/steal", ENDPOINT), "curl -X POST 'https://fluffy-otter-42.ngrok-free.app//attacker.example/steal'");
  assert.equal(firstLine("///attacker.example", ENDPOINT), "curl -X POST 'https://fluffy-otter-42.ngrok-free.app///attacker.example'");
  assert.equal(firstLine("*", ENDPOINT), "curl -X POST 'https://fluffy-otter-42.ngrok-free.app/*'");
});
