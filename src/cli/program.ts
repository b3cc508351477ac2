// Builds the commander program: names, flags and help. Actions load their command module lazily.
import { Command, Option } from "commander";
import { providerNames } from "../providers/registry.js";
import { byteSizeOption, collect, floatOption, intOption, pathOption, urlOption } from "./options.js";

// Written out rather than imported: loading the probes would cost every command's start-up (a test keeps it in sync).
export const CHECK_PROBES_HELP = `
Probes (in run order):
  Zoom      crc, valid-event, forged-signature, no-signature, wrong-secret, stale-timestamp,
            raw-bytes, large-body, duplicate, slow-answer, methods
  CircleCI  valid-event, forged-signature, no-signature, wrong-secret, signature-version,
            raw-bytes, duplicate, slow-answer, methods

Exit codes: 0 nothing failed, 1 a probe failed (or warned, with --strict), 2 usage, 4 no answer.`;

// A command line is readable by every user of the machine (ps, /proc) and lands in shell history.
const SECRET_HELP = "secret token; visible to other users in `ps` and kept in shell history, so prefer $ZOOM_WEBHOOK_SECRET_TOKEN or ./.env (read by default)";

export function buildProgram(version: string): Command {
  const program = new Command("zoomhook")
    .description("Develop and test Zoom webhooks locally: receive, verify, tunnel, capture, forward, replay and send signed events.")
    .version(version, "-V, --version")
    .option("--no-color", "disable colour (also: NO_COLOR=1)")
    .option("--debug", "show stack traces for errors")
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(str) });

  const secret = () => new Option("-s, --secret <token>", SECRET_HELP);
  const json = () => new Option("--json", "machine-readable output on stdout");
  const provider = () => new Option("--provider <name>", `whose webhooks: ${providerNames().join(" or ")}`).default(undefined, "zoom");
  const to = () => new Option("--to <url>", "target URL (default: the listener started here, else the newest)").argParser(urlOption);
  /** Zoom's authentication add-ons, for the commands that deliver (send, check). */
  const withAuth = (cmd: Command): Command =>
    cmd
      .option("--basic-auth <user:pass>", "Zoom's Basic authentication add-on, sent with every delivery")
      .option("--bearer <token>", "a Bearer authorization header, sent with every delivery")
      .option("--oauth-token-url <url>", "fetch a client-credentials token once (as Zoom does) and send it as Bearer", urlOption)
      .option("--client-id <id>", "client id for --oauth-token-url")
      .option("--client-secret <secret>", "client secret for --oauth-token-url")
      .option("--custom-header <x-name:value>", "Zoom's custom authentication header (repeatable)", collect, []);

  program
    .command("listen")
    .description("receive webhooks locally: answer Zoom's CRC, verify signatures, show every request")
    .addOption(provider())
    .option("-p, --port <n>", "receiver port (0 = any free port; a busy default port falls back to a free one)", intOption(0, 65535))
    .option("--host <host>", "interface to bind", "127.0.0.1")
    .option("--path <path>", "webhook path", pathOption, "/webhook")
    .addOption(new Option("-s, --secret <token>", `${SECRET_HELP}; without one, a dev secret is made up for the session (fine locally, not for real Zoom traffic)`))
    .option("--tolerance <seconds>", "allowed timestamp age in seconds (0 disables)", intOption(0), 300)
    .option("--max-body <bytes>", "largest body accepted (413 above)", byteSizeOption, 10 * 1024 * 1024)
    .option("--no-tunnel", "stay local: no ngrok tunnel")
    .option("--authtoken <token>", "ngrok authtoken (default: $NGROK_AUTHTOKEN)")
    .option("--domain <domain>", "ngrok domain, e.g. your free static dev domain: the Zoom endpoint URL (and its validation) then survives restarts (default: $NGROK_DOMAIN)")
    .option("--ngrok-verify", "let ngrok verify Zoom signatures at its edge (it then answers the CRC; rejected deliveries never reach zoomhook)")
    .option("--forward-to <url>", "relay every request to your app and return its answer to the sender", urlOption)
    .option("--forward-crc", "hand the CRC to your app instead of answering it")
    .option("--forward-timeout <ms>", "answer 504 when the app has not finished answering within this (ms)", intOption(1), 10_000)
    .option("--store <dir|url>", "capture store: a directory, or postgres://user@host/db for a team's shared store (default: $ZOOMHOOK_STORE or ./.zoomhook)")
    .option("--max-captures <n>", "keep the newest N captures", intOption(1), 10_000)
    .option("--max-store-bytes <bytes>", "keep at most this much capture data", byteSizeOption, 200 * 1024 * 1024)
    .option("--inspect-port <n>", "web inspector port (taken: the next free one; 0 = any)", intOption(0, 65535), 4040)
    .option("--inspect-host <host>", "web inspector interface (loopback unless you mean it)", "127.0.0.1")
    .option("--no-inspect", "do not serve the web inspector")
    .addOption(new Option("--via <source>", "where events come from: webhook (HTTP, the default) or websocket (a Zoom WebSocket subscription: no tunnel, no public URL)").choices(["webhook", "websocket"]).default("webhook"))
    .option("--subscription-id <id>", "with --via websocket: the subscription id, or the whole wss://…?subscriptionId=… URL (default: $ZOOM_SUBSCRIPTION_ID)")
    .option("--account-id <id>", "with --via websocket: a Server-to-Server OAuth app's account id (default: $ZOOM_ACCOUNT_ID)")
    .option("--client-id <id>", "with --via websocket: the app's client id (default: $ZOOM_CLIENT_ID)")
    .option("--client-secret <secret>", "with --via websocket: the app's client secret (default: $ZOOM_CLIENT_SECRET; prefer it: flags show in ps)")
    .addOption(new Option("--json", "NDJSON events on stdout: a ready line, then one line per request"))
    .action(async (opts, cmd) => (await import("./commands/listen.js")).listenCommand(opts, cmd, version));

  const send = program
    .command("send")
    .description("send a realistic, signed event to the listener or any URL")
    .argument("[event]", "event name, e.g. meeting.started or workflow-completed (see `zoomhook events`)")
    .addOption(provider())
    .addOption(to())
    .addOption(secret())
    .option("--data <file>", "send this file's bytes as the body ('-' reads stdin)")
    .option("--set <path=value>", "override a field; the value is parsed as JSON when it is JSON (repeatable)", collect, [])
    .option("--set-string <path=value>", "override a field with a string value (repeatable)", collect, [])
    .option("--seed <n>", "reproducible ids, uuids and names (timestamps stay current)", intOption(0))
    .addOption(new Option("--vcs <kind>", "CircleCI: the project's VCS payload (github: pipeline.vcs; gitlab: trigger_parameters)").choices(["github", "gitlab"]))
    .option("--meeting-id <id>", "one meeting across sends: created, started, participant_joined, ended, recording.completed")
    .option("--timestamp <unix-seconds>", "the signed timestamp (Zoom's request timestamp header)", intOption(0))
    .option("--bad-signature", "send a wrong signature")
    .option("--no-signature", "send without x-zm-signature / x-zm-request-timestamp")
    .addOption(new Option("--headers <profile>", "Zoom's header set: current, or legacy (adds x-zm-trackingid, clientid, verification-token authorization)").choices(["current", "legacy"]).default("current"));
  withAuth(send)
    .option("--retries", "behave like Zoom on failure: retry 5xx, timeouts and connection errors after 5, 20 and 60 minutes (scaled by --time-scale)")
    .option("--time-scale <factor>", "scale the retry spacing (e.g. 0.001)", floatOption, 1)
    .addOption(new Option("--body-style <style>", "probe: how the JSON is written").choices(["compact", "pretty", "escaped-unicode", "escaped-slashes"]))
    .addOption(new Option("--key-order <order>", "probe: object key order").choices(["zoom", "shuffled"]))
    .option("--stale <seconds>", "probe: sign with a timestamp this many seconds old", intOption(1))
    .option("--duplicate", "probe: deliver each event twice with the same request id")
    .option("--oversize <KB>", "probe: pad a legal field so the body is about this size", intOption(1, 100_000))
    .option("--no-compat-check", "do not warn when a body will not survive JSON.stringify(JSON.parse(body))")
    .option("--count <n>", "deliveries to send", intOption(1, 10_000_000), 1)
    .option("--concurrency <n>", "deliveries in flight at once", intOption(1, 1024), 1)
    .option("--timeout <ms>", "give up on an answer after this long", intOption(1), 10_000)
    .addOption(json())
    .action(async (event, opts, cmd) => (await import("./commands/send.js")).sendCommand(event, opts, cmd));

  program
    .command("crc")
    .description("simulate Zoom's endpoint URL validation and grade the answer (no target: print the correct answer)")
    .addOption(provider())
    .addOption(to())
    .option("--token <plainToken>", "plainToken to send (default: random, 22 characters)")
    .addOption(secret())
    .option("--timeout <ms>", "give up on an answer after this long", intOption(1), 10_000)
    .addOption(json())
    .action(async (opts) => (await import("./commands/crc.js")).crcCommand(opts));

  const check = program
    .command("check")
    .description("probe an endpoint for the usual webhook bugs and print a report card that says what to fix")
    .addOption(provider())
    .addOption(to())
    .addOption(secret())
    .option("--only <ids>", "run only these probes (comma-separated, repeatable)", collect)
    .option("--skip <ids>", "skip these probes (comma-separated, repeatable)", collect)
    .option("--strict", "warnings fail the check too (exit 1)");
  withAuth(check)
    .addOption(new Option("--reporter <format>", "also write the report in this format (needs --output)").choices(["junit"]))
    .option("-o, --output <file>", "file for --reporter")
    .option("--timeout <ms>", "give up on one answer after this long (default: twice the provider's answer budget)", intOption(1))
    .addOption(json())
    .addHelpText("after", CHECK_PROBES_HELP)
    .action(async (opts) => (await import("./commands/check.js")).checkCommand(opts));

  program
    .command("verify")
    .description("check a signature offline over the exact body bytes, and explain a mismatch")
    .addOption(provider())
    .option("--timestamp <t>", "the x-zm-request-timestamp value (Zoom)")
    .requiredOption("--signature <value>", "the signature header's value (Zoom: x-zm-signature v0=…; CircleCI: circleci-signature v1=…)")
    .option("--body <file>", "file with the exact body bytes ('-' or omitted: stdin)")
    .addOption(secret())
    .option("--tolerance <seconds>", "allowed timestamp age in seconds (0 disables)", intOption(0), 0)
    .addOption(json())
    .action(async (opts) => (await import("./commands/verify.js")).verifyCommand(opts));

  program
    .command("events")
    .description("list a provider's event catalog, or print one event's sample body")
    .argument("[name]", "an event name (prints its body) or a filter (meeting.participant, meeting.*)")
    .addOption(provider())
    .addOption(json())
    .action(async (name, opts) => (await import("./commands/events.js")).eventsCommand(name, opts));

  program
    .command("url")
    .description("print the running listener's public endpoint URL (for scripts: curl -X POST \"$(zoomhook url)\")")
    .option("--local", "print the local URL instead")
    .option("--wait <seconds>", "wait this long for the listener of this directory to become ready (then fall back to the newest)", intOption(0, 3600))
    .addOption(json())
    .action(async (opts) => (await import("./commands/url.js")).urlCommand(opts));

  const store = () => new Option("--store <dir|url>", "capture store: a directory or a postgres:// URL (default: $ZOOMHOOK_STORE, else the store of the listener started here or the newest, else ./.zoomhook)");

  program
    .command("run")
    .description("play scenario files (deliveries, requests, expectations) against your app and report for CI")
    .argument("[files...]", "scenario files (.yaml, .yml, .json), or quoted globs such as 'scenarios/*.yaml'")
    .addOption(to())
    .addOption(secret())
    .option("--listen", "put an in-process listener (captured, inspectable) in front of the target")
    .option("--forward-to <url>", "with --listen: the app's webhook URL the listener forwards to (implies --listen)", urlOption)
    .addOption(new Option("--store <dir|url>", "the capture store of --listen, and where replay steps find captures: a directory or a postgres:// URL (default: $ZOOMHOOK_STORE, else ./.zoomhook)"))
    .option("--app <command>", "start the app under test with this shell command, and stop it afterwards")
    .option("--app-ready <url>", "the app is ready once this URL answers (default: once its port accepts connections)", urlOption)
    .option("--app-timeout <ms>", "give the app this long to get ready", intOption(1), 30_000)
    .option("--reporter <name>", "pretty, json, junit or github (repeatable; json=FILE or junit=FILE writes a file)", collect, [])
    .option("-o, --output <file>", "write the json or junit report to this file")
    .option("--grep <text>", "only steps whose scenario or step name contains this (plus the steps they read)")
    .option("--bail", "stop at the first failed step")
    .option("--timeout <ms>", "each request's answer timeout (default: the scenario's, else 10000)", intOption(1))
    .option("--print-schema", "print the JSON Schema of scenario files and exit")
    .addHelpText("after", "\nStep types: send, crc, check (zoomhook check's probes: { only, skip, strict }), replay, http, wait.\nExample: zoomhook run 'scenarios/*.yaml' --app \"node server.js\" --reporter github --reporter junit=results.xml")
    .action(async (files, opts, cmd) => (await import("./commands/run.js")).runCommand(files, opts, cmd));

  program
    .command("log")
    .description("list captured requests, newest first")
    .option("-n, --limit <n>", "how many", intOption(1), 20)
    .option("--event <name>", "only this event (patterns like meeting.* work)")
    .addOption(
      new Option("--verification <verdict>", "only this verdict (crc and malformed select those kinds of request)").choices([
        "valid",
        "invalid",
        "stale",
        "unsigned",
        "unverified",
        "crc",
        "malformed",
      ]),
    )
    .option("-f, --follow", "keep printing captures as they are stored (a postgres:// store: from every listener)")
    .option("--listener <id|host>", "a postgres:// store: only captures taken by this listener session id or host")
    .option("--clear", "delete every capture (through the running listener if it owns the store)")
    .option("-y, --yes", "do not ask for confirmation with --clear")
    .addOption(store())
    .addOption(json())
    .action(async (opts) => (await import("./commands/log.js")).logCommand(opts));

  program
    .command("show")
    .description("show one capture in full: headers, body, verification, responses")
    .argument("<id>", "capture id, or `last`")
    .option("--reveal", "show authorization header values unmasked")
    .addOption(store())
    .addOption(json())
    .action(async (id, opts) => (await import("./commands/show.js")).showCommand(id, opts));

  program
    .command("export")
    .description("write a capture's exact body bytes, as a fixture for `zoomhook send --data`")
    .argument("<id>", "capture id, or `last`")
    .option("-o, --output <file>", "file to write (default: stdout)")
    .addOption(store())
    .action(async (id, opts) => (await import("./commands/export.js")).exportCommand(id, opts));

  program
    .command("replay")
    .description("resend captured requests: re-signed with a fresh timestamp and request id unless told otherwise")
    .argument("<ids...>", "capture ids, or `last`")
    .addOption(to())
    .addOption(secret())
    .option("--keep-signature", "send the original bytes and headers untouched")
    .option("--same-id", "keep the original x-zm-request-id (what a Zoom retry looks like)")
    .option("--set <path=value>", "edit a field before sending (implies re-signing; repeatable)", collect, [])
    .option("--set-string <path=value>", "edit a field with a string value (repeatable)", collect, [])
    .option("--timeout <ms>", "give up on an answer after this long", intOption(1), 10_000)
    .addOption(store())
    .addOption(json())
    .action(async (ids, opts) => (await import("./commands/replay.js")).replayCommand(ids, opts));

  program
    .command("store")
    .description("manage capture stores")
    .command("copy")
    .description("copy every capture from one store to another (directory ↔ postgres://); captures already there are skipped")
    .requiredOption("--from <dir|url>", "the store to read")
    .requiredOption("--to <dir|url>", "the store to write (a directory must not have a running listener)")
    .addOption(json())
    .action(async (opts) => (await import("./commands/store-copy.js")).storeCopyCommand(opts));

  return program;
}
