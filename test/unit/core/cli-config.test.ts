// zoomhook.config.json validation and the program's option parsers (bad values are CommanderErrors, i.e. exit 2).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { CommanderError, type Command } from "commander";
import { loadConfigFile } from "../../../src/cli/config-file.js";
import { buildProgram } from "../../../src/cli/program.js";
import { isZoomhookError } from "../../../src/shared/errors.js";

describe("zoomhook.config.json", () => {
  const dir = mkdtempSync(join(tmpdir(), "zoomhook-config-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const load = (content: string | undefined) => {
    const cwd = mkdtempSync(join(dir, "c-"));
    if (content !== undefined) writeFileSync(join(cwd, "zoomhook.config.json"), content);
    return () => loadConfigFile(cwd);
  };
  const rejects = (content: string, code: string, message: RegExp) => {
    assert.throws(load(content), (err: unknown) => {
      assert.ok(isZoomhookError(err));
      assert.equal(err.code, code);
      assert.equal(err.exitCode, 2);
      assert.match(err.message, message);
      assert.ok(err.hint);
      return true;
    });
  };

  it("no file: empty defaults", () => {
    assert.deepEqual(load(undefined)(), { listen: {}, routes: [] });
  });

  it("a valid file: listen defaults and routes", () => {
    const c = load(JSON.stringify({ $schema: "x", listen: { port: 5000, tunnel: false, forwardTo: "http://localhost:3000/zoom" }, routes: { "recording.*": "http://localhost:3001/r" } }))();
    assert.deepEqual(c.listen, { port: 5000, tunnel: false, forwardTo: "http://localhost:3000/zoom" });
    assert.deepEqual(c.routes, [{ event: "recording.*", url: "http://localhost:3001/r" }]);
    assert.match(c.file ?? "", /zoomhook\.config\.json$/);
  });

  it("an unknown key is named", () => {
    rejects(JSON.stringify({ lisen: {} }), "bad_config", /unknown key "lisen"/);
    rejects(JSON.stringify({ listen: { prot: 1 } }), "bad_config", /unknown key "listen\.prot"/);
  });

  it("a secret-looking key is refused, at the top level or under listen", () => {
    rejects(JSON.stringify({ secretToken: "x" }), "secret_in_config", /"secretToken" looks like a secret/);
    rejects(JSON.stringify({ listen: { secret: "x" } }), "secret_in_config", /"listen\.secret"/);
    rejects(JSON.stringify({ listen: { authtoken: "x" } }), "secret_in_config", /"listen\.authtoken"/);
  });

  it("wrong types and bad values are named", () => {
    rejects("{nope", "bad_config", /not valid JSON/);
    rejects("[]", "bad_config", /must be a JSON object/);
    rejects(JSON.stringify({ listen: { port: "4050" } }), "bad_config", /"listen\.port" must be a number/);
    rejects(JSON.stringify({ routes: { "meeting.*": "ftp://x" } }), "bad_config", /not an http\(s\) URL/);
    rejects(JSON.stringify({ routes: { "meeting.*": 5 } }), "bad_config", /must be a URL string/);
    rejects(JSON.stringify({ routes: [] }), "bad_config", /"routes" must map/);
  });
});

describe("option parsing through the program", () => {
  /** The real program, with actions replaced so parsing never runs a command, and its error output muted. */
  function parse(argv: string[]): Command {
    const program = buildProgram("0.0.0-test");
    let parsed: Command | undefined;
    const quiet = { writeErr: () => undefined, writeOut: () => undefined, outputError: () => undefined };
    program.configureOutput(quiet);
    for (const cmd of program.commands) {
      cmd.configureOutput(quiet);
      cmd.action((...args: unknown[]) => {
        parsed = args[args.length - 1] as Command;
      });
    }
    program.parse(argv, { from: "user" });
    assert.ok(parsed, "no command ran");
    return parsed;
  }
  const fails = (argv: string[], code: string) =>
    assert.throws(() => parse(argv), (err: unknown) => err instanceof CommanderError && err.code === code && err.exitCode !== 0);

  it("listen defaults: no port chosen (the command picks 4050), host 127.0.0.1, path /webhook, tolerance 300, 10 MiB bodies", () => {
    const o = parse(["listen"]).opts();
    assert.equal(o.port, undefined);
    assert.equal(o.host, "127.0.0.1");
    assert.equal(o.path, "/webhook");
    assert.equal(o.tolerance, 300);
    assert.equal(o.maxBody, 10 * 1024 * 1024);
    assert.equal(o.tunnel, true);
    assert.equal(o.inspect, true);
  });

  it("listen values: --port 0, --tolerance 0, sizes with units, --no-tunnel", () => {
    const o = parse(["listen", "--port", "0", "--tolerance", "0", "--max-body", "512kb", "--no-tunnel", "--no-inspect"]).opts();
    assert.deepEqual([o.port, o.tolerance, o.maxBody, o.tunnel, o.inspect], [0, 0, 512 * 1024, false, false]);
    assert.equal(parse(["listen", "--max-body", "10mb"]).opts().maxBody, 10 * 1024 * 1024);
  });

  it("a bad --port value is a CommanderError", () => {
    for (const port of ["abc", "-1", "65536", "80.5", ""]) fails(["listen", "--port", port], "commander.invalidArgument");
  });

  it("other bad values: --path without /, --max-body 0 or 'big', --to not http, --count 0, --concurrency 2000", () => {
    fails(["listen", "--path", "webhook"], "commander.invalidArgument");
    fails(["listen", "--max-body", "big"], "commander.invalidArgument");
    fails(["listen", "--max-body", "0"], "commander.invalidArgument");
    fails(["listen", "--forward-to", "localhost:3000"], "commander.invalidArgument");
    fails(["send", "meeting.started", "--to", "ftp://example.test/"], "commander.invalidArgument");
    fails(["send", "meeting.started", "--count", "0"], "commander.invalidArgument");
    fails(["send", "meeting.started", "--concurrency", "2000"], "commander.invalidArgument");
  });

  it("unknown options and commands, and missing required options", () => {
    fails(["listen", "--bogus"], "commander.unknownOption");
    fails(["lisen"], "commander.unknownCommand");
    fails(["verify", "--timestamp", "1"], "commander.missingMandatoryOptionValue");
  });

  it("repeatable --set collects in order; --to is normalised", () => {
    const o = parse(["send", "meeting.started", "--set", "a=1", "--set", "b=2", "--set-string", "c=3", "--to", "http://127.0.0.1:9"]).opts();
    assert.deepEqual(o.set, ["a=1", "b=2"]);
    assert.deepEqual(o.setString, ["c=3"]);
    assert.equal(o.to, "http://127.0.0.1:9/");
  });
});
