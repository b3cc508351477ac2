// The forward-loop guard: every spelling of the receiver's own address is refused, other addresses are not.
import assert from "node:assert/strict";
import os from "node:os";
import { test } from "node:test";
import { canonicalHost, pointsAtReceiver } from "../../../src/session/forward-loop.js";

test("IPv4-mapped IPv6 and other spellings of 127.0.0.1 point at a receiver on 127.0.0.1", () => {
  for (const url of [
    "http://[::ffff:127.0.0.1]:4050/x",
    "http://[::ffff:7f00:1]:4050/x",
    "http://[0:0:0:0:0:ffff:7f00:1]:4050/x",
    "http://127.1:4050/x",
    "http://2130706433:4050/x",
    "http://0x7f.1:4050/x",
    "http://LOCALHOST.:4050/x",
    "http://app.localhost:4050/x",
    "http://0:4050/x",
    "http://[::]:4050/x",
  ]) {
    assert.equal(pointsAtReceiver(url, "127.0.0.1", 4050), true, url);
  }
  assert.equal(pointsAtReceiver("http://[::1]:4050/", "::1", 4050), true);
  assert.equal(pointsAtReceiver("http://localhost:4050/", "::1", 4050), true);
});

test("other ports, other loopback addresses of a specifically bound receiver, and other hosts are fine", () => {
  assert.equal(pointsAtReceiver("http://127.0.0.1:4051/", "127.0.0.1", 4050), false);
  assert.equal(pointsAtReceiver("http://127.0.0.2:4050/", "127.0.0.1", 4050), false);
  assert.equal(pointsAtReceiver("http://[::1]:4050/", "127.0.0.1", 4050), false);
  assert.equal(pointsAtReceiver("http://example.com:4050/", "127.0.0.1", 4050), false);
  assert.equal(pointsAtReceiver("https://localhost/", "127.0.0.1", 4050), false);
  assert.equal(pointsAtReceiver("http://localhost/", "127.0.0.1", 80), true);
});

test("a receiver on every interface is reached through any loopback address and the machine's own addresses", () => {
  assert.equal(pointsAtReceiver("http://127.0.0.2:4050/", "0.0.0.0", 4050), true);
  assert.equal(pointsAtReceiver("http://[::ffff:127.0.0.1]:4050/", "::", 4050), true);
  const own = Object.values(os.networkInterfaces()).flatMap((l) => l ?? []).map((a) => a.address);
  assert.ok(own.length > 0);
  for (const address of own) {
    const host = address.includes(":") ? `[${address.split("%")[0]}]` : address;
    if (address.includes("%")) continue; // link-local with a zone: not a URL host
    assert.equal(pointsAtReceiver(`http://${host}:4050/`, "0.0.0.0", 4050), true, address);
  }
});

test("canonicalHost: one spelling per address", () => {
  assert.equal(canonicalHost("[::FFFF:7F00:1]"), "127.0.0.1");
  assert.equal(canonicalHost("::ffff:10.1.2.3"), "10.1.2.3");
  assert.equal(canonicalHost("Example.COM."), "example.com");
  assert.equal(canonicalHost("fe80::1"), "fe80::1");
});
