// The built CLI's one-shot commands: version/help, usage errors, verify, offline crc, .env precedence, and exit codes without a listener.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { killAll, makeWorld, runCli, type World } from "../support/cli.js";

const KAT_BODY =
  '{"event":"meeting.started","event_ts":1739923527913,"payload":{"account_id":"AbCdEfGhIjKlMnOpQrStUv","object":{"id":"85123456789","uuid":"4444AAAiAAAAAiAiAiiAii==","host_id":"x1yCzABCDEfg23HiJKl4mN","topic":"Weekly sync","type":2,"start_time":"2025-02-19T00:05:27Z","timezone":"America/Los_Angeles","duration":30}}}';
const KAT_SIG = "v0=f4ea8998d6a028d619c9ad49954167350935564ba9a41408b187acfdbb82b915";
const ESC = "\u001b[";

let world: World;
before(() => {
  world = makeWorld();
});
after(() => {
  killAll();
  world.cleanup();
});
const run = (args: string[], env: Record<string, string | undefined> = {}, input?: string) => runCli(args, { cwd: world.cwd, env: { ...world.env, ...env }, input });

describe("version, help and usage errors", () => {
  it("--version prints the package version and exits 0", async () => {
    const r = await run(["--version"]);
    assert.deepEqual([r.code, r.stdout, r.stderr], [0, "0.1.0\n", ""]);
  });

  it("--help lists every command and exits 0", async () => {
    const r = await run(["--help"]);
    assert.equal(r.code, 0);
    for (const cmd of ["listen", "send", "crc", "check", "verify", "events", "url", "log", "show", "export", "replay", "run"]) assert.match(r.stdout, new RegExp(`\\n  ${cmd}\\b`));
    assert.equal(r.stdout.includes(ESC), false);
    const sub = await run(["send", "--help"]);
    assert.equal(sub.code, 0);
    assert.match(sub.stdout, /--set-string/);
    // Each command taking --secret says where it can be seen, and what to use instead.
    for (const cmd of ["listen", "send", "crc", "verify", "replay"]) {
      const help = (await run([cmd, "--help"])).stdout.replace(/\s+/g, " ");
      assert.match(help, /--secret <token>\s+secret token; visible to other users in `ps`.*prefer \$ZOOM_WEBHOOK_SECRET_TOKEN or \.\/\.env/, cmd);
    }
  });

  it("a bad flag → exit 2, names it, and points at --help", async () => {
    const r = await run(["listen", "--prot", "5000"]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /unknown option '--prot'/);
    assert.match(r.stderr, /Did you mean --port\?/);
    assert.match(r.stderr, /zoomhook listen --help/);
  });

  it("a bad value → exit 2 with what is expected", async () => {
    const r = await run(["listen", "--port", "http"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /expected a whole number from 0 to 65535/);
  });

  it("conflicting flags → exit 2", async () => {
    const r = await run(["send", "meeting.started", "--bad-signature", "--no-signature", "--to", "http://127.0.0.1:9/"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot be used together/);
  });

  it("an unknown event → exit 2 with suggestions", async () => {
    const r = await run(["send", "meeting.startd", "--to", "http://127.0.0.1:9/"], { ZOOM_WEBHOOK_SECRET_TOKEN: "s" });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Unknown Zoom event "meeting\.startd"/);
    assert.match(r.stderr, /meeting\.started/);
  });

  it("an unknown event is a usage error (exit 2) even when no secret is configured", async () => {
    const r = await run(["send", "meeting.startd", "--to", "http://127.0.0.1:9/"]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /meeting\.started/);
  });

  it("listen without an ngrok authtoken and without --no-tunnel → exit 3 with the hint", async () => {
    const r = await run(["listen", "--port", "0", "--no-inspect", "--store", world.store]);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /No ngrok authtoken/);
    assert.match(r.stderr, /NGROK_AUTHTOKEN/);
    assert.match(r.stderr, /--no-tunnel/);
    assert.equal(r.stderr.includes(ESC), false);
  });

  it("listen on a busy --port → exit 3", async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", () => r()));
    try {
      const port = (blocker.address() as AddressInfo).port;
      const r = await run(["listen", "--no-tunnel", "--port", String(port), "--no-inspect", "--store", world.store], { ZOOM_WEBHOOK_SECRET_TOKEN: "s" });
      assert.equal(r.code, 3);
      assert.match(r.stderr, new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use`));
    } finally {
      await new Promise<void>((r) => blocker.close(() => r()));
    }
  });
});

describe("verify", () => {
  const bodyFile = () => {
    const f = join(world.cwd, "kat.json");
    writeFileSync(f, KAT_BODY);
    return f;
  };

  it("valid (body from a file) → exit 0", async () => {
    const r = await run(["verify", "--timestamp", "1739923528", "--signature", KAT_SIG, "--body", bodyFile(), "--secret", "zoomhook_test_secret"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "✔ valid  signature matches 315 bytes signed at 1739923528\n");
  });

  it("valid (body from stdin, secret from the environment) → exit 0; --json shape", async () => {
    const r = await run(["verify", "--timestamp", "1739923528", "--signature", KAT_SIG, "--json"], { ZOOM_WEBHOOK_SECRET_TOKEN: "zoomhook_test_secret" }, KAT_BODY);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { valid: true, verification: "valid", diagnosis: null, bodyBytes: 315, provider: "zoom" });
  });

  it("invalid → exit 1 with an explanation", async () => {
    const r = await run(["verify", "--timestamp", "1739923528", "--signature", KAT_SIG, "--body", bodyFile(), "--secret", "zoomhook_test_secret "]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^✖ invalid {2}the secret has leading or trailing whitespace/);
    const mismatch = await run(["verify", "--timestamp", "1739923529", "--signature", KAT_SIG, "--body", bodyFile(), "--secret", "zoomhook_test_secret", "--json"]);
    assert.equal(mismatch.code, 1);
    const j = JSON.parse(mismatch.stdout) as { valid: boolean; diagnosis: { code: string } };
    assert.equal(j.valid, false);
    assert.equal(j.diagnosis.code, "signature_mismatch");
  });

  it("no secret → exit 3", async () => {
    const r = await run(["verify", "--timestamp", "1", "--signature", KAT_SIG, "--body", bodyFile()]);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /No secret token/);
  });
});

describe("crc offline and .env precedence", () => {
  const TOKEN = "qgg8vlvZRS6UYooatFL8Aw";
  const enc = (secret: string) => createHmac("sha256", secret).update(TOKEN).digest("hex");

  it("prints the correct answer (the known-answer vector) and exits 0", async () => {
    const r = await run(["crc", "--token", TOKEN, "--secret", "test_secret_token"]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /4efea922935c335d972476de138d2208a0d46ab28c79ee592d497a1b216419b8/);
    const j = await run(["crc", "--token", TOKEN, "--secret", "test_secret_token", "--json"]);
    assert.deepEqual(JSON.parse(j.stdout), { plainToken: TOKEN, encryptedToken: "4efea922935c335d972476de138d2208a0d46ab28c79ee592d497a1b216419b8" });
  });

  it("no secret anywhere → exit 3", async () => {
    const r = await run(["crc", "--token", TOKEN]);
    assert.equal(r.code, 3);
  });

  it(".env is loaded; the environment beats it; the flag beats both", async () => {
    writeFileSync(join(world.cwd, ".env"), "# local\nZOOM_WEBHOOK_SECRET_TOKEN=from_dotenv\n");
    try {
      const fromFile = await run(["crc", "--token", TOKEN, "--json"]);
      assert.equal(fromFile.code, 0, fromFile.stderr);
      assert.equal(JSON.parse(fromFile.stdout).encryptedToken, enc("from_dotenv"));
      const fromEnv = await run(["crc", "--token", TOKEN, "--json"], { ZOOM_WEBHOOK_SECRET_TOKEN: "from_env" });
      assert.equal(JSON.parse(fromEnv.stdout).encryptedToken, enc("from_env"));
      const fromFlag = await run(["crc", "--token", TOKEN, "--json", "--secret", "from_flag"], { ZOOM_WEBHOOK_SECRET_TOKEN: "from_env" });
      assert.equal(JSON.parse(fromFlag.stdout).encryptedToken, enc("from_flag"));
    } finally {
      writeFileSync(join(world.cwd, ".env"), "");
    }
  });
});

describe("sending without a listener", () => {
  it("no --to and no listener → exit 3 with the way out", async () => {
    const r = await run(["send", "meeting.started"], { ZOOM_WEBHOOK_SECRET_TOKEN: "s" });
    assert.equal(r.code, 3);
    assert.match(r.stderr, /No running zoomhook listener found/);
    assert.match(r.stderr, /zoomhook listen/);
  });

  it("--to a closed port → exit 4; --json still prints one delivery object", async () => {
    const s = createServer();
    await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
    const port = (s.address() as AddressInfo).port;
    await new Promise<void>((r) => s.close(() => r()));
    const r = await run(["send", "meeting.started", "--to", `http://127.0.0.1:${port}/webhook`], { ZOOM_WEBHOOK_SECRET_TOKEN: "s" });
    assert.equal(r.code, 4);
    assert.match(r.stdout, /no answer: connection refused/);
    const j = await run(["send", "meeting.started", "--json", "--to", `http://127.0.0.1:${port}/webhook`], { ZOOM_WEBHOOK_SECRET_TOKEN: "s" });
    assert.equal(j.code, 4);
    const d = JSON.parse(j.stdout) as Record<string, unknown>;
    assert.equal(d.type, "delivery");
    assert.equal(d.errorKind, "refused");
    assert.equal(d.status, undefined);
  });

  it("crc --to a closed port → exit 4", async () => {
    const s = createServer();
    await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
    const port = (s.address() as AddressInfo).port;
    await new Promise<void>((r) => s.close(() => r()));
    const r = await run(["crc", "--to", `http://127.0.0.1:${port}/`], { ZOOM_WEBHOOK_SECRET_TOKEN: "s" });
    assert.equal(r.code, 4);
    assert.match(r.stderr, /No answer from/);
  });

  it("url with no listener → exit 3; --wait gives up after its time", async () => {
    const r = await run(["url"]);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /No running zoomhook listener found/);
    const started = performance.now();
    const w = await run(["url", "--local", "--wait", "1"]);
    assert.equal(w.code, 3);
    assert.match(w.stderr, /within 1 s/);
    assert.ok(performance.now() - started >= 1000);
  });

  it("a one-shot send interrupted with Ctrl-C → exit 130", async () => {
    const { spawn } = await import("node:child_process");
    const { BIN, childEnv } = await import("../support/cli.js");
    let arrived!: () => void;
    const gotRequest = new Promise<void>((r) => (arrived = r));
    const hang = createServer(() => arrived());
    await new Promise<void>((r) => hang.listen(0, "127.0.0.1", () => r()));
    const port = (hang.address() as AddressInfo).port;
    const child = spawn(process.execPath, [BIN, "send", "meeting.started", "--to", `http://127.0.0.1:${port}/`], {
      cwd: world.cwd,
      env: childEnv({ ...world.env, ZOOM_WEBHOOK_SECRET_TOKEN: "s" }),
      stdio: "ignore",
    });
    try {
      const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
      await gotRequest;
      child.kill("SIGINT");
      const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r("timeout"), 10_000))]);
      assert.equal(code, 130);
    } finally {
      child.kill("SIGKILL");
      hang.closeAllConnections();
      await new Promise<void>((r) => hang.close(() => r()));
    }
  });
});

describe("events", () => {
  it("one event's body as JSON, and the list as JSON", async () => {
    const one = await run(["events", "meeting.started", "--json"]);
    assert.equal(one.code, 0);
    assert.equal((JSON.parse(one.stdout) as { event: string }).event, "meeting.started");
    const all = await run(["events", "--json"]);
    const list = JSON.parse(all.stdout) as Array<{ name: string; product: string; description: string }>;
    assert.ok(list.length >= 25);
    assert.deepEqual(Object.keys(list[0]!).sort(), ["description", "name", "product"]);
    const none = await run(["events", "no.such_thing"]);
    assert.equal(none.code, 2);
  });
});
