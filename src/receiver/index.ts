// The receiver's public surface.
export { startReceiver, createRequestHandler, DEFAULT_MAX_BODY } from "./server.js";
export type { Receiver, ReceiverOptions, Delivery, Relayed } from "./server.js";
export { decideResponse, jsonResponse } from "./decide.js";
