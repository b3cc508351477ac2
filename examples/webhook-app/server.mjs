// A small webhook app to test with zoomhook: plain node:http, verifies Zoom and CircleCI signatures, keeps state in memory.
// Zoom:     POST /webhook  (x-zm-signature, CRC answered)   GET /meetings/:id
// CircleCI: POST /circleci (circleci-signature)             GET /pipelines/:id
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";

const ZOOM_SECRET = process.env.ZOOM_WEBHOOK_SECRET_TOKEN ?? "";
const CIRCLECI_SECRET = process.env.CIRCLECI_WEBHOOK_SECRET ?? "";
const PORT = Number(process.env.PORT ?? 3000);

const meetings = new Map();
const pipelines = new Map();

const hmac = (secret, text) => createHmac("sha256", secret).update(text).digest("hex");
const same = (a, b) => typeof a === "string" && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

function send(res, status, body) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function onZoom(req, raw, res) {
  const ts = req.headers["x-zm-request-timestamp"];
  // Verify over the exact bytes received, and refuse anything older than five minutes.
  const fresh = typeof ts === "string" && Math.abs(Date.now() / 1000 - Number(ts)) < 300;
  if (!fresh || !same(req.headers["x-zm-signature"], `v0=${hmac(ZOOM_SECRET, `v0:${ts}:${raw}`)}`)) return send(res, 401, { error: "invalid signature" });
  const body = JSON.parse(raw);
  if (body.event === "endpoint.url_validation") {
    const plainToken = body.payload.plainToken;
    return send(res, 200, { plainToken, encryptedToken: hmac(ZOOM_SECRET, plainToken) });
  }
  const m = body.payload?.object ?? {};
  const id = String(m.id);
  const meeting = meetings.get(id) ?? { id, topic: m.topic, status: "scheduled", participants: [], recorded: false };
  // Only these events change the topic; the others carry the meeting's topic as it was.
  if (m.topic && ["meeting.created", "meeting.started", "meeting.updated"].includes(body.event)) meeting.topic = m.topic;
  if (body.event === "meeting.created") meeting.status = "created";
  if (body.event === "meeting.started") meeting.status = "started";
  if (body.event === "meeting.ended") meeting.status = "ended";
  if (body.event === "meeting.participant_joined") meeting.participants.push(m.participant?.user_name);
  if (body.event === "recording.completed") meeting.recorded = true;
  meetings.set(id, meeting);
  send(res, 200, { ok: true });
}

function onCircleci(req, raw, res) {
  const sig = String(req.headers["circleci-signature"] ?? "").split(",").find((p) => p.startsWith("v1="));
  if (!same(sig, `v1=${hmac(CIRCLECI_SECRET, raw)}`)) return send(res, 401, { error: "invalid signature" });
  const body = JSON.parse(raw);
  const id = body.pipeline?.id;
  const p = pipelines.get(id) ?? { id, jobs: [], workflow: null };
  if (body.type === "job-completed") p.jobs.push({ name: body.job.name, status: body.job.status });
  if (body.type === "workflow-completed") p.workflow = { name: body.workflow.name, status: body.workflow.status };
  pipelines.set(id, p);
  send(res, 200, { ok: true });
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const raw = Buffer.concat(chunks).toString("utf8");
    const path = new URL(req.url, "http://app").pathname;
    try {
      if (req.method === "POST" && path === "/webhook") return onZoom(req, raw, res);
      if (req.method === "POST" && path === "/circleci") return onCircleci(req, raw, res);
      if (req.method === "GET" && path === "/health") return send(res, 200, { ok: true });
      const [, kind, id] = path.split("/");
      const found = kind === "meetings" ? meetings.get(id) : kind === "pipelines" ? pipelines.get(id) : undefined;
      if (req.method === "GET" && found) return send(res, 200, found);
      send(res, 404, { error: "not found" });
    } catch (err) {
      send(res, 400, { error: String(err.message) });
    }
  });
});

server.listen(PORT, "127.0.0.1", () => console.log(`webhook app listening on http://127.0.0.1:${server.address().port}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
