// One rule for choosing a listener: this directory's (waited for with a wait), else the newest; capture readers
// follow the chosen listener's store; signing commands aimed at a dev-secret listener use its secret.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { signingSecret } from "../../../src/cli/signing-secret.js";
import { captureStoreFor, waitForListener } from "../../../src/registry/discover.js";
import { registerListener, type ListenerEntry } from "../../../src/registry/listeners.js";

const root = mkdtempSync(join(tmpdir(), "zoomhook-discovery-"));
after(() => rmSync(root, { recursive: true, force: true }));

// Entries are keyed by pid and must name a live process: this one, or its parent for a second entry.
function entry(over: Partial<ListenerEntry>): ListenerEntry {
  return {
    pid: process.pid,
    cwd: "/nowhere",
    startedAt: "2025-01-01T00:00:00.000Z",
    localUrl: "http://127.0.0.1:1/webhook",
    publicUrl: null,
    inspectorUrl: null,
    controlUrl: null,
    controlToken: null,
    secretFingerprint: null,
    store: null,
    ready: true,
    ...over,
  };
}

describe("captureStoreFor", () => {
  const env = { ZOOMHOOK_STATE_DIR: join(root, "state-store") };
  const here = join(root, "project");

  it("no listener: ./.zoomhook of this directory", () => {
    assert.deepEqual(captureStoreFor(undefined, env, here, ".zoomhook"), { dir: join(here, ".zoomhook") });
  });

  it("--store and $ZOOMHOOK_STORE win over any listener", () => {
    const unregister = registerListener(entry({ cwd: here, store: "/listener/store" }), env);
    try {
      assert.deepEqual(captureStoreFor("given", env, here, ".zoomhook"), { dir: join(here, "given") });
      assert.deepEqual(captureStoreFor(undefined, { ...env, ZOOMHOOK_STORE: "/from/env" }, here, ".zoomhook"), { dir: "/from/env" });
    } finally {
      unregister();
    }
  });

  it("follows the listener started here, wherever its store is", () => {
    const unregister = registerListener(entry({ cwd: here, store: "/listener/store" }), env);
    try {
      const chosen = captureStoreFor(undefined, env, here, ".zoomhook");
      assert.equal(chosen.dir, "/listener/store");
      assert.equal(chosen.listener?.how, "cwd");
    } finally {
      unregister();
    }
  });

  it("elsewhere: the newest listener's store, marked so the command can name it", () => {
    const unregister = registerListener(entry({ cwd: join(root, "other"), store: "/other/store" }), env);
    try {
      const chosen = captureStoreFor(undefined, env, here, ".zoomhook");
      assert.equal(chosen.dir, "/other/store");
      assert.equal(chosen.listener?.how, "newest");
    } finally {
      unregister();
    }
  });
});

describe("waitForListener", () => {
  it("does not settle for another directory's listener while this directory's is starting", async () => {
    const env = { ZOOMHOOK_STATE_DIR: join(root, "state-wait") };
    const here = join(root, "starting-here");
    // An older listener elsewhere, registered under another live pid (the parent process).
    const unregisterOld = registerListener(entry({ pid: process.ppid, cwd: join(root, "elsewhere"), localUrl: "http://127.0.0.1:2/old" }), env);
    let unregisterNew: (() => void) | undefined;
    try {
      const waiting = waitForListener(here, env, 20_000, 10);
      setTimeout(() => {
        unregisterNew = registerListener(entry({ cwd: here, startedAt: "2025-01-02T00:00:00.000Z", localUrl: "http://127.0.0.1:3/new" }), env);
      }, 50);
      const found = await waiting;
      assert.equal(found?.how, "cwd");
      assert.equal(found?.entry.localUrl, "http://127.0.0.1:3/new");
    } finally {
      unregisterOld();
      unregisterNew?.();
    }
  });

  it("with no wait, falls back to the newest at once", async () => {
    const env = { ZOOMHOOK_STATE_DIR: join(root, "state-nowait") };
    const unregister = registerListener(entry({ cwd: join(root, "elsewhere") }), env);
    try {
      const found = await waitForListener(join(root, "here"), env, 0);
      assert.equal(found?.how, "newest");
    } finally {
      unregister();
    }
  });
});

describe("signingSecret", () => {
  const env = { ZOOMHOOK_STATE_DIR: join(root, "state-secret") };
  const here = join(root, "dev");

  it("your own secret always wins", () => {
    const unregister = registerListener(entry({ cwd: here, devSecret: "dev-secret-value" }), env);
    try {
      assert.deepEqual(signingSecret("mine", undefined, { cwd: here, env }), { secret: "mine", dev: false });
      assert.deepEqual(signingSecret(undefined, undefined, { cwd: here, env: { ...env, ZOOM_WEBHOOK_SECRET_TOKEN: "env" } }), { secret: "env", dev: false });
    } finally {
      unregister();
    }
  });

  it("no secret of your own: the dev secret of the listener aimed at (by rule, or by --to its URL under any loopback name)", () => {
    const unregister = registerListener(entry({ cwd: here, devSecret: "dev-secret-value", localUrl: "http://127.0.0.1:4051/webhook" }), env);
    try {
      assert.deepEqual(signingSecret(undefined, undefined, { cwd: here, env }), { secret: "dev-secret-value", dev: true });
      assert.deepEqual(signingSecret(undefined, undefined, { cwd: join(root, "elsewhere"), env }), { secret: "dev-secret-value", dev: true });
      assert.equal(signingSecret(undefined, "http://localhost:4051/webhook", { cwd: root, env }).secret, "dev-secret-value");
      assert.equal(signingSecret(undefined, "http://127.0.0.1:4051/webhook", { cwd: root, env }).secret, "dev-secret-value");
      assert.deepEqual(signingSecret(undefined, "http://127.0.0.1:3000/zoom", { cwd: root, env }), { dev: false });
      assert.deepEqual(signingSecret(undefined, "http://127.0.0.1:4051/other", { cwd: root, env }), { dev: false });
    } finally {
      unregister();
    }
  });

  it("a dev secret is only borrowed by the listener's own provider", () => {
    const unregister = registerListener(entry({ cwd: here, provider: "circleci", devSecret: "dev-secret-value" }), env);
    try {
      assert.deepEqual(signingSecret(undefined, undefined, { cwd: here, env }), { dev: false });
      assert.deepEqual(signingSecret(undefined, undefined, { cwd: here, env, provider: "circleci", envName: "CIRCLECI_WEBHOOK_SECRET" }), { secret: "dev-secret-value", dev: true });
    } finally {
      unregister();
    }
  });

  it("a listener with a real secret shares nothing", () => {
    const unregister = registerListener(entry({ cwd: here, devSecret: null, secretFingerprint: "abcdefabcdef" }), env);
    try {
      assert.deepEqual(signingSecret(undefined, undefined, { cwd: here, env }), { dev: false });
    } finally {
      unregister();
    }
  });
});
