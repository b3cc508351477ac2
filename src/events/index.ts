// The event catalog's public surface: lookups, fixtures, buildEvent, overrides and body serialisation.
export type { CatalogEntry } from "./catalog-types.js";
export { listEvents, findEvent, filterEvents, suggestEvents } from "./catalog.js";
export { loadFixture, fixtureTemplate, fixturesDirectory } from "./fixture-store.js";
export { buildEvent, meetingUuidFor, type BuildOptions } from "./build-event.js";
export { setPath, parseAssignment } from "./set-path.js";
export { serializeBody, survivesReserialisation, padBody, type BodyStyle, type SerializeOptions } from "./serialize.js";
export { URL_VALIDATION_EVENT, type EndpointUrlValidationEvent } from "./url-validation.js";
export { RIVET_VERSION } from "./catalog.generated.js";
