// ./.env is read with dotenv's rules (as Zoom's sample apps read it), and a missing secret is explained exactly.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import { loadDotEnv } from "../../../src/cli/dotenv.js";
import { missingSecret } from "../../../src/cli/missing-secret.js";
import { dotEnvFile, fromDotEnv, resolveSecret, whyNoSecret } from "../../../src/cli/secret.js";

describe(".env", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "zoomhook-dotenv-"));
    fromDotEnv.clear();
    delete dotEnvFile.path;
    delete dotEnvFile.values;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const load = async (text: string | undefined, env: NodeJS.ProcessEnv = {}) => {
    if (text !== undefined) writeFileSync(join(dir, ".env"), text);
    await loadDotEnv(dir, env);
    return env;
  };

  it("a line without '=' does not swallow the next key (dotenv reads abc, so must zoomhook)", async () => {
    const env = await load("this is not an env file\nZOOM_WEBHOOK_SECRET_TOKEN=abc\n");
    assert.equal(env.ZOOM_WEBHOOK_SECRET_TOKEN, "abc");
    assert.deepEqual(resolveSecret(undefined, env), { secret: "abc", source: ".env, ZOOM_WEBHOOK_SECRET_TOKEN" });
  });

  it("quotes, comments, export and CRLF as dotenv reads them", async () => {
    const env = await load('export A="x y" # note\r\nB=\'single\'\r\nC=plain # trailing\r\n# D=no\r\n');
    assert.deepEqual({ A: env.A, B: env.B, C: env.C, D: env.D }, { A: "x y", B: "single", C: "plain", D: undefined });
  });

  it("never overrides the real environment", async () => {
    const env = await load("ZOOM_WEBHOOK_SECRET_TOKEN=from_file\n", { ZOOM_WEBHOOK_SECRET_TOKEN: "from_env" });
    assert.equal(env.ZOOM_WEBHOOK_SECRET_TOKEN, "from_env");
    assert.equal(resolveSecret(undefined, env).source, "environment, ZOOM_WEBHOOK_SECRET_TOKEN");
  });

  it("no .env: nothing to say beyond the usual hint", async () => {
    const env = await load(undefined);
    assert.equal(whyNoSecret(env), undefined);
  });

  it(".env without the key: says exactly that, in the error's hint", async () => {
    const env = await load("NGROK_AUTHTOKEN=x\n");
    assert.equal(whyNoSecret(env), `${join(dir, ".env")} exists but has no ZOOM_WEBHOOK_SECRET_TOKEN line.`);
  });

  it(".env with an empty value: says it is empty", async () => {
    const env = await load("ZOOM_WEBHOOK_SECRET_TOKEN=\n");
    assert.equal(resolveSecret(undefined, env).secret, undefined);
    assert.equal(whyNoSecret(env), `${join(dir, ".env")} sets ZOOM_WEBHOOK_SECRET_TOKEN to an empty value.`);
  });

  it("an empty variable in the real environment is named as such", async () => {
    const env = await load(undefined, { ZOOM_WEBHOOK_SECRET_TOKEN: "" });
    assert.equal(whyNoSecret(env), "ZOOM_WEBHOOK_SECRET_TOKEN is set but empty in the environment.");
  });

  it("the no-secret error carries the explanation", async () => {
    const saved = process.env.ZOOM_WEBHOOK_SECRET_TOKEN;
    delete process.env.ZOOM_WEBHOOK_SECRET_TOKEN;
    try {
      await load("OTHER=1\n");
      const err = missingSecret("No secret token to sign with.");
      assert.match(err.hint ?? "", /\.env exists but has no ZOOM_WEBHOOK_SECRET_TOKEN line\.\nSet ZOOM_WEBHOOK_SECRET_TOKEN/);
    } finally {
      if (saved !== undefined) process.env.ZOOM_WEBHOOK_SECRET_TOKEN = saved;
    }
  });
});
