// The shipped JSON Schema agrees with the validator: it accepts the examples and the same shapes, and rejects the same mistakes.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import { parse } from "yaml";
import { readSchemaText } from "../../../src/scenario/schema.js";
import { load, problemsOf } from "./helpers.js";

const schema = JSON.parse(await readSchemaText()) as object;
const validate = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true, allErrors: true }).compile(schema);
const examples = ["meeting-lifecycle.yaml", "circleci-pipeline.yaml"].map((f) => fileURLToPath(new URL(`../../../../examples/scenarios/${f}`, import.meta.url)));

const VALID = [
  "steps:\n  - send: meeting.created\n",
  "steps:\n  - send: { event: meeting.created, set: { payload.object.id: 1 }, set-string: { payload.object.host_id: 2 }, duplicate: true, stale: 10, headers: legacy }\n",
  "steps:\n  - send: { data: body.json, auth: { basic: 'u:p', custom: { x-app: k } } }\n",
  "steps:\n  - crc: true\n  - crc: { token: abc }\n  - wait: 0\n",
  "steps:\n  - check: true\n  - check:\n  - name: c\n    check: { only: [crc, raw-bytes], skip: 'large-body', strict: true }\n",
  "steps:\n  - name: a\n    send: meeting.created\n  - replay: a\n  - replay: { step: a, same-id: true }\n",
  "steps:\n  - http: http://127.0.0.1:1/x\n    retry: { until: { status: [200, 2xx] }, interval: 5 }\n    expect: { status: 2xx, body: { a.b: 1, c: { matches: '^x' }, d: { exists: false } }, headers: { x-y: { contains: z } } }\n",
  "name: n\nprovider: circleci\ntarget: http://x/\nvars: { a: 1 }\ndefaults: { timeout: 100 }\nsteps:\n  - send: { event: ping, vcs: gitlab }\n",
];
const INVALID = [
  "name: n\n",
  "steps: []\n",
  "steps:\n  - send: meeting.created\n    wait: 1\n",
  "steps:\n  - send: { event: meeting.created, bad-signature: yes }\n",
  "steps:\n  - send: { set: { a: 1 } }\n",
  "steps:\n  - wait: -1\n",
  "steps:\n  - crc: { tokn: x }\n",
  "steps:\n  - check: { only: [raw-byte] }\n",
  "steps:\n  - check: { strict: yes }\n",
  "steps:\n  - check: true\n    expect: { status: 200 }\n",
  "steps:\n  - send: meeting.created\n    expect: { status: 2xy }\n",
  "steps:\n  - send: meeting.created\n    retry: { until: { status: 200 } }\n",
  "steps:\n  - http: { method: GET }\n",
  "stepz: []\nsteps:\n  - wait: 1\n",
  "provider: github\nsteps:\n  - wait: 1\n",
  "steps:\n  - send: meeting.created\n    expect: { body: { a: { equal: 1 } } }\n",
];

describe("the JSON Schema", () => {
  it("accepts the example scenarios", () => {
    for (const file of examples) assert.ok(validate(parse(readFileSync(file, "utf8"))), `${file}: ${JSON.stringify(validate.errors)}`);
  });

  it("accepts what the validator accepts", async () => {
    for (const text of VALID) {
      await load(text, {});
      assert.ok(validate(parse(text)), `${text}\n${JSON.stringify(validate.errors)}`);
    }
  });

  it("rejects what the validator rejects for its shape", async () => {
    for (const text of INVALID) {
      await problemsOf(text);
      assert.equal(validate(parse(text)), false, `the schema accepts:\n${text}`);
    }
  });
});
