// CircleCI's events as realistic payloads: one pipeline's ids agree across its events for the same --seed.
// Fields from CircleCI's webhooks reference (see ../../../docs/providers.md); payloads are open maps.
import { mulberry32, randomSeed, type Random } from "../../events/random.js";
import { usageError } from "../../shared/errors.js";
import { suggestEvents } from "../../events/catalog.js";
import type { BuildOptions, CatalogEntry, ProviderCatalog } from "../types.js";
import { matchesPattern } from "../../shared/pattern.js";

const ENTRIES: readonly CatalogEntry[] = [
  { name: "job-completed", product: "circleci", description: "A job finished: success, failed, canceled or unauthorized" },
  { name: "ping", product: "circleci", description: "The Test Ping Event button in Project Settings → Webhooks" },
  { name: "workflow-completed", product: "circleci", description: "A workflow finished: success, failed, error, canceled or unauthorized" },
];

export const VCS_VARIANTS = ["github", "gitlab"] as const;

function uuid(rnd: Random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rnd() * 16).toString(16)).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${"89ab"[Math.floor(rnd() * 4)]}${hex.slice(17, 20)}-${hex.slice(20)}`;
}

function hex(rnd: Random, n: number): string {
  return Array.from({ length: n }, () => Math.floor(rnd() * 16).toString(16)).join("");
}

/** A stream per purpose, so adding a field to one part never changes another part's ids. */
function stream(seed: number, purpose: string): Random {
  let h = seed >>> 0;
  for (let i = 0; i < purpose.length; i++) h = Math.imul(h ^ purpose.charCodeAt(i), 0x01000193) >>> 0;
  return mulberry32(h);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function buildCircleciEvent(name: string, options: BuildOptions = {}): Record<string, unknown> {
  check(name);
  const variant = options.variant ?? "github";
  if (!(VCS_VARIANTS as readonly string[]).includes(variant)) {
    throw usageError("unknown_variant", `Unknown CircleCI VCS variant "${variant}".`, { hint: `Use ${VCS_VARIANTS.join(" or ")}.` });
  }
  const seed = options.seed ?? randomSeed();
  const now = options.nowMs ?? Date.now();
  const ids = stream(seed, "pipeline");
  const webhook = { id: uuid(stream(seed, "webhook")), name: "zoomhook sample webhook" };
  const event = { type: name, id: uuid(stream(seed, `event:${name}`)), happened_at: iso(now), webhook };
  if (name === "ping") return event;
  const org = { id: uuid(ids), name: "acme" };
  const projectId = uuid(ids);
  const pipelineId = uuid(ids);
  const number = 100 + Math.floor(ids() * 900);
  const project =
    variant === "gitlab"
      ? { id: projectId, name: "webhook-service", slug: `circleci/${org.id}/${projectId}` }
      : { id: projectId, name: "webhook-service", slug: "gh/acme/webhook-service" };
  const revision = hex(ids, 40);
  const pipeline: Record<string, unknown> = { id: pipelineId, number, created_at: iso(now - 300_000), trigger: { type: variant === "gitlab" ? "gitlab" : "webhook" } };
  if (variant === "gitlab") {
    pipeline.trigger_parameters = {
      circleci: { event_time: iso(now - 301_000), event_type: "push", trigger_type: "gitlab", actor_id: uuid(ids) },
      git: { tag: "", checkout_sha: revision, ref: "refs/heads/main", branch: "main", checkout_url: "https://gitlab.com/acme/webhook-service.git" },
      gitlab: { type: "push", project_id: String(1000 + Math.floor(ids() * 9000)), ref: "refs/heads/main", checkout_sha: revision, user_username: "dev", web_url: "https://gitlab.com/acme/webhook-service" },
    };
  } else {
    pipeline.vcs = {
      provider_name: "github",
      origin_repository_url: "https://github.com/acme/webhook-service",
      target_repository_url: "https://github.com/acme/webhook-service",
      revision,
      commit: {
        subject: "Answer webhooks before doing the work",
        body: "",
        author: { name: "Dev Eloper", email: "dev@example.com" },
        authored_at: iso(now - 400_000),
        committer: { name: "Dev Eloper", email: "dev@example.com" },
        committed_at: iso(now - 400_000),
      },
      branch: "main",
    };
  }
  const workflowId = uuid(stream(seed, "workflow"));
  const workflow: Record<string, unknown> = {
    id: workflowId,
    name: "build-test-deploy",
    created_at: iso(now - 290_000),
    stopped_at: iso(now),
    url: `https://app.circleci.com/pipelines/${project.slug}/${number}/workflows/${workflowId}`,
  };
  if (name === "workflow-completed") {
    workflow.status = "success";
    return { ...event, project, organization: org, workflow, pipeline };
  }
  const jobs = stream(seed, "job");
  const job = { id: uuid(jobs), number: 1000 + Math.floor(jobs() * 9000), name: "test", status: "success", started_at: iso(now - 120_000), stopped_at: iso(now) };
  return { ...event, project, organization: org, workflow, job, pipeline };
}

function check(name: string): void {
  if (ENTRIES.some((e) => e.name === name)) return;
  const near = suggestEvents(name, 3, ENTRIES);
  throw usageError("unknown_event", `Unknown CircleCI event "${name}".`, {
    hint: near.length ? `Did you mean ${near.join(", ")}? \`zoomhook events --provider circleci\` lists them.` : "`zoomhook events --provider circleci` lists them.",
  });
}

export const circleciCatalog: ProviderCatalog = {
  list: () => ENTRIES.map((e) => ({ ...e })),
  filter: (q) => {
    const query = q.trim().toLowerCase();
    if (query === "" || query === "*" || query === "circleci") return circleciCatalog.list();
    return ENTRIES.filter((e) => (query.includes("*") ? matchesPattern(query, e.name) : e.name.includes(query))).map((e) => ({ ...e }));
  },
  find: (name) => {
    const e = ENTRIES.find((x) => x.name === name.trim().toLowerCase());
    return e ? { ...e } : undefined;
  },
  check,
  build: (name, o) => buildCircleciEvent(name, o),
  sample: (name) => buildCircleciEvent(name, { seed: 1 }),
};
