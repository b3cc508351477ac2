// Zoom's event catalog (src/events, generated from @zoom/rivet) behind the provider's catalog interface.
import { buildEvent, filterEvents, findEvent, fixtureTemplate, listEvents, loadFixture } from "../../events/index.js";
import type { ProviderCatalog } from "../types.js";

export const zoomCatalog: ProviderCatalog = {
  list: listEvents,
  filter: filterEvents,
  find: findEvent,
  // Unknown names throw a usage error with suggestions; a known one is read (and cached) once, never copied.
  check: (name) => void fixtureTemplate(name),
  sample: loadFixture,
  build: (name, o = {}) => buildEvent(name, { seed: o.seed, meetingId: o.meetingId, nowMs: o.nowMs }),
};
