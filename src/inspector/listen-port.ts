// Binds the inspector's server, walking up from the preferred port when it is taken (like ngrok's 4040, 4041…).
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { configError } from "../shared/errors.js";
import { PORT_ATTEMPTS } from "./types.js";

function tryListen(server: Server, host: string, port: number): Promise<number | "in-use"> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      server.off("listening", onListening);
      if (err.code === "EADDRINUSE") resolve("in-use");
      else reject(err);
    };
    const onListening = (): void => {
      server.off("error", onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });
}

/** The bound port. Port 0 asks the OS for any free port and never falls back. */
export async function listenWithFallback(server: Server, host: string, port: number): Promise<number> {
  const attempts = port === 0 ? 1 : PORT_ATTEMPTS;
  for (let i = 0; i < attempts && port + i <= 65535; i++) {
    const bound = await tryListen(server, host, port + i);
    if (bound !== "in-use") return bound;
  }
  throw configError("inspector_port_in_use", `Ports ${port}–${port + attempts - 1} are all in use on ${host}.`, {
    hint: "Pass --inspect-port 0 to let the system pick a free port.",
  });
}
