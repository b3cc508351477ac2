// Where a sending command sends: --to wins; else the listener started here; else the newest live one.
import { configError } from "../shared/errors.js";
import { newestNote } from "./discover.js";
import { findListener, pruneSilentListeners, secretFingerprint, type ListenerEntry } from "./listeners.js";

let pruned: Promise<void> | undefined;

/** Forget listeners that stopped answering, once per command: each prune probes every listener's control port. */
export function pruneSilentListenersOnce(): Promise<void> {
  return (pruned ??= pruneSilentListeners());
}

/** The provider of the listener a command without --to sends to (send and check speak it without --provider). */
export async function providerOfListenerHere(cwd = process.cwd()): Promise<string | undefined> {
  await pruneSilentListenersOnce();
  return findListener(cwd)?.entry.provider;
}

export interface Target {
  url: string;
  via: "flag" | "cwd" | "newest";
  listener?: ListenerEntry;
  /** Things to say on stderr before sending. */
  notes: string[];
}

export function resolveTarget(to: string | undefined, secret: string | undefined, cwd = process.cwd(), env = process.env): Target {
  if (to) return { url: to, via: "flag", notes: [] };
  const found = findListener(cwd, env);
  if (!found) {
    throw configError("no_listener", "No running zoomhook listener found, and no --to given.", {
      hint: "Start one with `zoomhook listen` (another terminal, or in the background), or pass --to <url>.",
    });
  }
  const { entry, how } = found;
  const notes: string[] = [];
  const note = newestNote(found, "sending to");
  if (note) notes.push(note);
  const mine = secretFingerprint(secret);
  if (entry.secretFingerprint && mine && entry.secretFingerprint !== mine) {
    notes.push("warning: your secret differs from the listener's: it will answer 401 (invalid signature)");
  }
  return { url: entry.localUrl, via: how, listener: entry, notes };
}
