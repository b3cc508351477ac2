// Every probe, in the order a run makes them, under stable ids; selection by --only / --skip.
import type { WebhookProvider } from "../providers/types.js";
import { usageError } from "../shared/errors.js";
import { crcProbe } from "./probes/crc.js";
import { duplicateProbe } from "./probes/duplicate.js";
import { largeBodyProbe } from "./probes/large-body.js";
import { methodsProbe } from "./probes/methods.js";
import { rawBytesProbe } from "./probes/raw-bytes.js";
import { forgedSignatureProbe, noSignatureProbe, wrongSecretProbe } from "./probes/rejections.js";
import { signatureVersionProbe } from "./probes/signature-version.js";
import { staleTimestampProbe } from "./probes/stale-timestamp.js";
import { slowAnswerProbe, validEventProbe } from "./probes/valid-event.js";
import { checkProfile } from "./profiles.js";
import type { Probe } from "./types.js";

export const PROBES: readonly Probe[] = [
  crcProbe,
  validEventProbe,
  forgedSignatureProbe,
  noSignatureProbe,
  wrongSecretProbe,
  signatureVersionProbe,
  staleTimestampProbe,
  rawBytesProbe,
  largeBodyProbe,
  duplicateProbe,
  slowAnswerProbe,
  methodsProbe,
];

/** The ids that mean something for this provider. */
export function probeIds(provider: WebhookProvider): string[] {
  return PROBES.filter((p) => p.applies(provider)).map((p) => p.id);
}

/** The probes to run; an unknown id, or one that does not apply to the provider, is a usage error naming the valid ones. */
export function selectProbes(provider: WebhookProvider, only: readonly string[] = [], skip: readonly string[] = []): Probe[] {
  checkProfile(provider);
  const valid = probeIds(provider);
  const check = (ids: readonly string[], flag: string) => {
    const bad = ids.filter((id) => !valid.includes(id));
    if (bad.length === 0) return;
    const one = bad.length === 1;
    const known = bad.every((id) => PROBES.some((p) => p.id === id));
    const reason = known ? `${one ? "does" : "do"} not apply to ${provider.title}` : one ? "is not a probe id" : "are not probe ids";
    throw usageError("unknown_probe", `${flag} ${bad.map((id) => `"${id}"`).join(", ")}: ${reason}.`, {
      hint: `Probe ids for ${provider.title}: ${valid.join(", ")}.`,
    });
  };
  check(only, "--only");
  check(skip, "--skip");
  return PROBES.filter((p) => p.applies(provider) && (only.length === 0 || only.includes(p.id)) && !skip.includes(p.id));
}
