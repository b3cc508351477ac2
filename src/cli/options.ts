// Option parsers shared by commands: bad values become usage errors (exit 2) that say how to fix them.
import { InvalidArgumentError } from "commander";

export function intOption(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}.`);
    const n = Number(value);
    if (n < min || n > max) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}.`);
    return n;
  };
}

export function floatOption(value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError("expected a positive number, e.g. 0.001.");
  return n;
}

export function byteSizeOption(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|k|kib|mb|m|mib|gb|g|gib)?$/i.exec(value.trim());
  if (!m) throw new InvalidArgumentError("expected a size such as 1048576, 512kb or 10mb.");
  const unit = (m[2] ?? "b").toLowerCase();
  const mult = unit.startsWith("k") ? 1024 : unit.startsWith("m") ? 1024 ** 2 : unit.startsWith("g") ? 1024 ** 3 : 1;
  const n = Math.floor(Number(m[1]) * mult);
  if (n < 1) throw new InvalidArgumentError("must be at least 1 byte.");
  return n;
}

export function urlOption(value: string): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new InvalidArgumentError(`"${value}" is not a URL; give a full URL such as http://localhost:3000/zoom.`);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") throw new InvalidArgumentError("only http:// and https:// URLs are supported.");
  return u.toString();
}

export function pathOption(value: string): string {
  if (!value.startsWith("/")) throw new InvalidArgumentError('must start with "/", e.g. /webhook.');
  return value;
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
