// Locates the fake ngrok edge's committed self-signed certificate (PEM files are not copied into dist/).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Walks up from this module (in src or dist) to the folder holding package.json. */
export function repositoryRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

export interface FakeEdgeCert {
  /** Path of the PEM certificate; the SDK trusts it as session_ca_cert. */
  certPath: string;
  cert: string;
  key: string;
}

/**
 * EC P-256, SAN DNS:localhost + IP:127.0.0.1, CA:FALSE, valid until 2046: the SDK's TLS stack rejects
 * a cert without SAN or a CA:TRUE cert used as its own leaf (see the ngrok notes).
 */
export function loadFakeEdgeCert(): FakeEdgeCert {
  const dir = join(repositoryRoot(), "test", "support", "certs");
  const certPath = join(dir, "fake-ngrok-edge.cert.pem");
  return { certPath, cert: readFileSync(certPath, "utf8"), key: readFileSync(join(dir, "fake-ngrok-edge.key.pem"), "utf8") };
}
