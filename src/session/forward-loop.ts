// Whether a forward target is the listener's own receiver, however the address is spelled.
import { BlockList, isIP } from "node:net";
import os from "node:os";

const loopback = new BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

const WILDCARDS = new Set(["0.0.0.0", "::"]);

/**
 * One spelling per address: brackets and a trailing dot dropped, lower case, and IPv4-mapped IPv6
 * (::ffff:7f00:1, ::ffff:127.0.0.1) as plain IPv4. The URL parser already turns 127.1, 2130706433
 * and 0x7f.1 into 127.0.0.1.
 */
export function canonicalHost(host: string): string {
  const h = host.replace(/^\[|\]$/g, "").replace(/\.$/, "").toLowerCase();
  const mapped = /^(?:0{0,4}:){0,4}:?(?:0{0,4}:)?ffff:(.+)$/.exec(h);
  if (!mapped || isIP(h) !== 6) return h;
  const tail = mapped[1]!;
  if (isIP(tail) === 4) return tail;
  const [hi, lo] = tail.split(":").map((x) => parseInt(x, 16));
  return hi === undefined || lo === undefined ? h : [hi >> 8, hi & 255, lo >> 8, lo & 255].join(".");
}

function isLoopback(host: string): boolean {
  const family = isIP(host);
  return family !== 0 && loopback.check(host, family === 6 ? "ipv6" : "ipv4");
}

/** This machine's own addresses: a receiver bound to 0.0.0.0 or :: answers on each of them. */
function ownAddresses(): Set<string> {
  const out = new Set<string>();
  for (const list of Object.values(os.networkInterfaces())) for (const a of list ?? []) out.add(canonicalHost(a.address));
  return out;
}

function reaches(target: string, bound: string): boolean {
  if (target === bound) return true;
  // What a client connecting to the target's name or address lands on, on this machine.
  const meansThisMachine = target === "localhost" || target.endsWith(".localhost") || WILDCARDS.has(target);
  if (WILDCARDS.has(bound)) return meansThisMachine || isLoopback(target) || ownAddresses().has(target);
  const boundDefault = bound === "localhost" || bound === "127.0.0.1" || bound === "::1";
  return meansThisMachine && boundDefault;
}

/** True when `target` would send requests back into a receiver bound to receiverHost:receiverPort. */
export function pointsAtReceiver(target: string, receiverHost: string, receiverPort: number): boolean {
  const u = new URL(target);
  const port = Number(u.port || (u.protocol === "https:" ? 443 : 80));
  return port === receiverPort && reaches(canonicalHost(u.hostname), canonicalHost(receiverHost));
}
