// The built `check` CLI: the report card, --json, JUnit, --only/--skip, --strict, the exit codes, and the running listener as default target.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { killAll, makeWorld, runCli, startListener, type World } from "../support/cli.js";
import { startCircleciExpressReceiver } from "../support/circleci-express-receiver.js";
import { startSampleReceiver, type SampleReceiver } from "../support/zoom-sample-receiver.js";
import type { RunningEndpoint } from "../support/express-like.js";

const SECRET = "e2e_check_secret";
const ZOOM_IDS = "crc, valid-event, forged-signature, no-signature, wrong-secret, stale-timestamp, raw-bytes, large-body, duplicate, slow-answer, methods";

let world: World;
let sample: SampleReceiver;
let circleci: RunningEndpoint;
before(async () => {
  world = makeWorld("zoomhook-check-");
  sample = await startSampleReceiver(SECRET);
  circleci = await startCircleciExpressReceiver(SECRET);
});
after(async () => {
  killAll();
  await sample.close();
  await circleci.close();
  world.cleanup();
});

const check = (args: string[], env: Record<string, string> = { ZOOM_WEBHOOK_SECRET_TOKEN: SECRET }) =>
  runCli(["check", ...args], { cwd: world.cwd, env: { ...world.env, ...env } });

describe("zoomhook check", () => {
  it("prints a report card naming what to fix, and exits 1 when a probe failed", async () => {
    const r = await check(["--to", sample.url]);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stderr, "");
    assert.match(r.stdout, new RegExp(`^zoomhook check  ${sample.url.replace(/[.]/g, "\\.")}  \\(Zoom, 11 probes\\)\n`));
    assert.match(r.stdout, /\n {2}✔ crc {15}answered 200 in \d+ ms/);
    assert.match(r.stdout, /\n {2}✖ raw-bytes {9}rejected: \\u-escaped unicode 401 in \d+ ms; pretty-printed 401/);
    assert.match(r.stdout, /\n {4}sent {3}POST \/webhook meeting\.started, pretty-printed \(\d+ bytes\)\n {4}got {4}401 in \d+ ms/);
    assert.match(r.stdout, /\n {4}cause {2}The endpoint verifies a re-serialised body/);
    assert.match(r.stdout, /\n {2}⚠ stale-timestamp {3}accepted: 200/);
    assert.match(r.stdout, /\n {2}✖ large-body .*413/);
    assert.match(r.stdout, /\n2 failed · 1 warning · 8 passed · 17 requests in [\d.]+ s\nFAIL — fix the failures above before Zoom finds them\n$/);
  });

  it("--json prints one object with every probe", async () => {
    const r = await check(["--to", sample.url, "--json"]);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout.trimEnd().split("\n").length, 1);
    const report = JSON.parse(r.stdout) as { verdict: string; probes: Array<{ id: string; verdict: string; exchanges: unknown[] }> };
    assert.equal(report.verdict, "fail");
    assert.equal(report.probes.map((p) => p.id).join(", "), ZOOM_IDS);
    assert.ok(report.probes.every((p) => p.exchanges.length > 0));
  });

  it("unknown probe ids exit 2 and list the valid ones, before anything is sent", async () => {
    const before = sample.verdicts.length;
    const r = await check(["--to", sample.url, "--only", "crc,raw-byte"]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /✖ --only "raw-byte": is not a probe id\.\n {2}Probe ids for Zoom: crc, valid-event, .*, methods\.\n/);
    assert.equal(sample.verdicts.length, before);
    assert.equal((await check(["--to", sample.url, "--reporter", "junit"])).code, 2);
  });

  it("Zoom's authentication add-ons: one authorization header, and Zoom's only", async () => {
    const both = await check(["--to", sample.url, "--basic-auth", "a:b", "--bearer", "t"]);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--basic-auth and --bearer cannot be used together: both set the authorization header/);
    const circle = await check(["--provider", "circleci", "--to", circleci.url, "--bearer", "t"], { CIRCLECI_WEBHOOK_SECRET: SECRET });
    assert.equal(circle.code, 2);
    assert.match(circle.stderr, /Zoom's authentication add-ons and --provider circleci cannot be used together/);
  });

  it("--only and --skip choose probes", async () => {
    const r = await check(["--to", sample.url, "--only", "crc,stale-timestamp", "--only", "methods", "--skip", "methods", "--json"]);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { verdict: string; probes: Array<{ id: string }> };
    assert.deepEqual(report.probes.map((p) => p.id), ["crc", "stale-timestamp"]);
    assert.equal(report.verdict, "warn");
  });

  it("CircleCI: warnings pass unless --strict; --reporter junit writes the file", async () => {
    const env = { CIRCLECI_WEBHOOK_SECRET: SECRET };
    const lenient = await check(["--provider", "circleci", "--to", circleci.url], env);
    assert.equal(lenient.code, 0, lenient.stdout + lenient.stderr);
    assert.match(lenient.stdout, /\n {2}⚠ no-signature {6}rejected, but with 500/);
    assert.match(lenient.stdout, /PASS with warnings/);
    const file = join(world.root, "check.xml");
    const strict = await check(["--provider", "circleci", "--to", circleci.url, "--strict", "--reporter", "junit", "--output", file], env);
    assert.equal(strict.code, 1, strict.stdout + strict.stderr);
    const xml = readFileSync(file, "utf8");
    assert.match(xml, /<testsuites name="zoomhook check" tests="9" failures="2" errors="0" skipped="0"/);
    assert.match(xml, /name="signature-version"[^>]*>\n {6}<failure message="[^"]*" type="warn"/);
  });

  it("exits 4 when the endpoint never answers", async () => {
    const gone = await startSampleReceiver(SECRET);
    await gone.close();
    const r = await check(["--to", gone.url]);
    assert.equal(r.code, 4, r.stdout + r.stderr);
    assert.match(r.stdout, /✖ crc {15}no answer to the challenge \(connection refused\)/);
    assert.match(r.stdout, /NO ANSWER — nothing answered at .*; not run: valid-event, forged-signature/);
  });

  it("without --to it checks the running listener, where every probe passes", async () => {
    const listener = await startListener(world.listenArgs, { cwd: world.cwd, env: { ...world.env, ZOOM_WEBHOOK_SECRET_TOKEN: SECRET } });
    try {
      const r = await check([]);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, new RegExp(`^zoomhook check  ${listener.ready.localUrl.replace(/[.]/g, "\\.")}  `));
      assert.ok(!/[⚠✖]/.test(r.stdout), r.stdout);
      assert.match(r.stdout, /\n11 passed · 17 requests in [\d.]+ s\n/);
      assert.match(r.stdout, /PASS — nothing here would trip Zoom up\n$/);
    } finally {
      await listener.stop();
    }
  });

  it("without --to or --provider it speaks the running listener's provider", async () => {
    const env = { ...world.env, CIRCLECI_WEBHOOK_SECRET: SECRET };
    const listener = await startListener([...world.listenArgs, "--provider", "circleci"], { cwd: world.cwd, env });
    try {
      const r = await check([], { CIRCLECI_WEBHOOK_SECRET: SECRET });
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /\(CircleCI, 9 probes\)\n/);
      assert.match(r.stdout, /\n9 passed · 14 requests in [\d.]+ s\nPASS — nothing here would trip CircleCI up\n$/);
    } finally {
      await listener.stop();
    }
  });

  it("aimed at a listener that made up a dev secret, it borrows that secret as send does", async () => {
    const listener = await startListener(world.listenArgs, { cwd: world.cwd, env: world.env });
    try {
      const r = await check(["--only", "crc,valid-event,forged-signature"], {});
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /\n3 passed · 5 requests in [\d.]+ s\n/);
    } finally {
      await listener.stop();
    }
  });

  it("without a secret it exits 3 and says where to put one", async () => {
    const r = await check(["--to", sample.url], {});
    assert.equal(r.code, 3);
    assert.match(r.stderr, /No secret token: the check signs its deliveries/);
  });
});
