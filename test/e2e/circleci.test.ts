// `--provider circleci` end to end: listen, send, log, show, replay, verify, and the flag errors.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { killAll, makeWorld, runCli, startListener, type ListenerHandle, type World } from "../support/cli.js";

const SECRET = "circle-e2e-secret";

describe("listen --provider circleci, and the commands that use it", () => {
  let world: World;
  let h: ListenerHandle;
  const run = (args: string[], env: Record<string, string | undefined> = {}) =>
    runCli(args, { cwd: world.cwd, env: { ...world.env, CIRCLECI_WEBHOOK_SECRET: SECRET, ...env } });
  const requests = () => h.lines.filter((l) => l.type === "request");

  before(async () => {
    world = makeWorld();
    h = await startListener(["--provider", "circleci", ...world.listenArgs], { cwd: world.cwd, env: { ...world.env, CIRCLECI_WEBHOOK_SECRET: SECRET } });
  });
  after(() => {
    killAll();
    world.cleanup();
  });

  it("the ready line names the provider and where to paste the URL; the secret comes from CIRCLECI_WEBHOOK_SECRET", () => {
    assert.equal(h.ready.provider, "circleci");
    assert.match(String(h.ready.setup), /Project Settings → Webhooks/);
    assert.equal(h.ready.verifiedBy, "zoomhook");
    assert.match(String(h.ready.secretSource), /CIRCLECI_WEBHOOK_SECRET/);
  });

  it("send workflow-completed (provider taken from the listener) → 200, captured valid with provider circleci", async () => {
    const r = await run(["send", "workflow-completed", "--set", 'workflow.status="failed"', "--seed", "4"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /workflow-completed {2}\(\d+ bytes, signed v1\)/);
    const line = await h.waitForLine((l) => l.type === "request" && l.event === "workflow-completed");
    assert.deepEqual([line.provider, line.verification, line.status], ["circleci", "valid", 200]);
  });

  it("log --json and show carry the provider; show says there is no replay window", async () => {
    const log = await run(["log", "--json", "--store", world.store]);
    assert.equal(log.code, 0, log.stderr);
    assert.equal(JSON.parse(log.stdout)[0].provider, "circleci");
    const show = await run(["show", "last", "--store", world.store], { NO_COLOR: "1" });
    assert.equal(show.code, 0, show.stderr);
    assert.match(show.stdout, /provider CircleCI {2}delivery id [0-9a-f-]{36}/);
    assert.match(show.stdout, /CircleCI signs no timestamp, so there is no replay window/);
    const json = JSON.parse((await run(["show", "last", "--json", "--store", world.store])).stdout);
    assert.equal(json.provider, "circleci");
    assert.equal(JSON.parse(json.bodyText).workflow.status, "failed");
  });

  it("replay last re-signs with the CircleCI secret and is valid again", async () => {
    const before = requests().length;
    const r = await run(["replay", "last", "--store", world.store]);
    assert.equal(r.code, 0, r.stderr);
    const line = await h.waitForLine(() => requests().length > before);
    assert.ok(line);
    const replayed = requests()[before]!;
    assert.deepEqual([replayed.provider, replayed.verification, replayed.status], ["circleci", "valid", 200]);
    assert.ok(replayed.replayOf);
  });

  it("a forged delivery and one signed with another secret are 401 with a diagnosis", async () => {
    const before = requests().length;
    assert.equal((await run(["send", "job-completed", "--bad-signature"])).code, 1);
    assert.equal((await run(["send", "ping"], { CIRCLECI_WEBHOOK_SECRET: "another" })).code, 1);
    await h.waitForLine(() => requests().length >= before + 2);
    assert.deepEqual(requests().slice(before).map((l) => l.verification), ["invalid", "invalid"]);
  });

  it("the previous secret still verifies during a rotation (new,old), and the line says which matched", async () => {
    // The listener knows only SECRET; a sender still on SECRET while the listener rotates is the mirror case:
    // here the listener is given new,old by a second listener.
    const w2 = makeWorld();
    const h2 = await startListener(["--provider", "circleci", ...w2.listenArgs], { cwd: w2.cwd, env: { ...w2.env, CIRCLECI_WEBHOOK_SECRET: `rotated,${SECRET}` } });
    try {
      const r = await runCli(["send", "ping", "--to", h2.ready.localUrl, "--provider", "circleci"], { cwd: w2.cwd, env: { ...w2.env, CIRCLECI_WEBHOOK_SECRET: SECRET } });
      assert.equal(r.code, 0, r.stderr);
      const line = await h2.waitForLine((l) => l.type === "request");
      assert.deepEqual([line.verification, line.secretIndex], ["valid", 1]);
    } finally {
      await h2.stop();
      w2.cleanup();
    }
  });
});

describe("verify --provider circleci (offline)", () => {
  let world: World;
  before(() => {
    world = makeWorld();
  });
  after(() => world.cleanup());

  it("checks CircleCI's known-answer vector from stdin", async () => {
    const r = await runCli(["verify", "--provider", "circleci", "--signature", "v1=734cc62f32841568f45715aeb9f4d7891324e6d948e4c6c60c0621cdac48623a", "--secret", "secret", "--json"], {
      cwd: world.cwd,
      env: world.env,
      input: "hello world",
    });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { valid: true, verification: "valid", diagnosis: null, bodyBytes: 11, provider: "circleci" });
  });

  it("explains whitespace in the secret, and refuses --timestamp (CircleCI signs none)", async () => {
    const bad = await runCli(["verify", "--provider", "circleci", "--signature", "v1=734cc62f32841568f45715aeb9f4d7891324e6d948e4c6c60c0621cdac48623a", "--secret", "secret "], {
      cwd: world.cwd,
      env: { ...world.env, NO_COLOR: "1" },
      input: "hello world",
    });
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /whitespace/);
    const ts = await runCli(["verify", "--provider", "circleci", "--timestamp", "1", "--signature", "v1=x", "--secret", "s"], { cwd: world.cwd, env: world.env, input: "" });
    assert.equal(ts.code, 2);
    assert.match(ts.stderr, /signs no timestamp/);
  });
});

describe("provider flag errors", () => {
  let world: World;
  before(() => {
    world = makeWorld();
  });
  after(() => world.cleanup());
  const run = (args: string[]) => runCli(args, { cwd: world.cwd, env: { ...world.env, NO_COLOR: "1", CIRCLECI_WEBHOOK_SECRET: "s" } });

  it("an unknown provider exits 2 listing the providers", async () => {
    const r = await run(["listen", "--provider", "github", ...world.listenArgs]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Unknown provider "github"/);
    assert.match(r.stderr, /zoom, circleci/);
  });

  it("Zoom-only flags with --provider circleci exit 2 naming both", async () => {
    const crc = await run(["listen", "--provider", "circleci", "--forward-crc", "--forward-to", "http://127.0.0.1:9/x", ...world.listenArgs]);
    assert.equal(crc.code, 2);
    assert.match(crc.stderr, /--forward-crc and --provider circleci/);
    const legacy = await run(["send", "ping", "--provider", "circleci", "--headers", "legacy", "--to", "http://127.0.0.1:9/x"]);
    assert.equal(legacy.code, 2);
    assert.match(legacy.stderr, /--headers legacy and --provider circleci/);
    const handshake = await run(["crc", "--provider", "circleci", "--token", "x", "--secret", "s"]);
    assert.equal(handshake.code, 2);
    assert.match(handshake.stderr, /CircleCI sends no URL validation/);
  });

  it("events --provider circleci lists the three events and prints a sample", async () => {
    const list = await run(["events", "--provider", "circleci", "--json"]);
    assert.equal(list.code, 0, list.stderr);
    assert.deepEqual(JSON.parse(list.stdout).map((e: { name: string }) => e.name), ["job-completed", "ping", "workflow-completed"]);
    const one = await run(["events", "workflow-completed", "--provider", "circleci", "--json"]);
    assert.equal(JSON.parse(one.stdout).type, "workflow-completed");
  });
});
