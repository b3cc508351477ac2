// zoomhook as a library: the Zoom protocol functions for signing fixtures, and the test harness and scenario runner.
export { signPayload, verifySignature, safeEqual, DEFAULT_TOLERANCE_SECONDS } from "./providers/zoom/signature.js";
export type { Body, VerifyInput, VerifyResult } from "./providers/zoom/signature.js";
export { computeEncryptedToken, crcResponse, gradeCrcAnswer, randomPlainToken, CRC_EVENT } from "./providers/zoom/crc.js";
export type { CrcGrade, CrcCheck, CrcAnswer } from "./providers/zoom/crc.js";
export { zoomHeaders, newRequestId, ZOOM_USER_AGENT, ZOOM_CONTENT_TYPE } from "./providers/zoom/headers.js";
export type { HeaderProfile, SignatureMode, ZoomHeaderInput } from "./providers/zoom/headers.js";
export { classifyBody } from "./providers/zoom/classify.js";
export { buildEvent, listEvents, findEvent, loadFixture, setPath, serializeBody, survivesReserialisation } from "./events/index.js";
export type { BuildOptions, CatalogEntry, BodyStyle } from "./events/index.js";
export type { Kind, Verification, Diagnosis, DiagnosisCode } from "./shared/vocabulary.js";
export { ZoomhookError } from "./shared/errors.js";
export { getProvider, providerNames } from "./providers/registry.js";
export type { WebhookProvider, ProviderName, Verdict, Classified, DeliveryRules, Handshake } from "./providers/types.js";
export { signCircleci, verifyCircleci } from "./providers/circleci/signature.js";
export { circleciHeaders } from "./providers/circleci/index.js";
export { sendEvents, type SendEventsOptions, type SendOutcome } from "./sender/send-events.js";
export { gradeHandshake, type GradeHandshakeOptions, type HandshakeOutcome } from "./sender/handshake.js";
// The test library: an in-process listener in front of your app, signed sends, waits, and scenario runs.
export { startHarness } from "./harness/harness.js";
export type { Harness, HarnessOptions, SendOptions, Delivery, WaitOptions } from "./harness/harness.js";
export { runScenarioFiles } from "./harness/run-files.js";
export type { RunFilesOptions } from "./harness/run-files.js";
export { loadScenario, runScenarios } from "./scenario/index.js";
export type { RunOptions, RunResult, ScenarioResult, StepResult, Failure, Exchange, Scenario, Problem } from "./scenario/index.js";
export type { Capture, ForwardResult } from "./shared/capture.js";
export { runCheck, type CheckOptions } from "./check/run.js";
export { probeIds } from "./check/registry.js";
export type { CheckReport, ProbeResult, ProbeVerdict, Exchange as CheckExchange } from "./check/types.js";
