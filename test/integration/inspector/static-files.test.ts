// The inspector's static files: found from dist/, complete, and free of the constructs that would make payloads live.
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { describe, it } from "node:test";
import { findStaticDir, loadStaticFiles, renderIndex } from "../../../src/inspector/static-files.js";

describe("inspector static files", () => {
  it("are found from the compiled module by walking up to package.json", () => {
    assert.equal(findStaticDir(resolve("dist/src/inspector")), resolve("src/inspector/static"));
    assert.equal(findStaticDir(resolve("src/inspector")), resolve("src/inspector/static"));
  });

  it("include every file index.html references", async () => {
    const files = await loadStaticFiles();
    const html = files.get("index.html")!.body.toString("utf8");
    const refs = [...html.matchAll(/(?:src|href)="\/static\/([^"]+)"/g)].map((m) => m[1]);
    assert.ok(refs.length >= 4);
    for (const ref of refs) assert.ok(files.has(ref), `missing ${ref}`);
    // Every module imported by another module is there too.
    for (const [name, file] of files) {
      if (!name.endsWith(".js")) continue;
      for (const m of file.body.toString("utf8").matchAll(/from "\.\/([^"]+)"/g)) assert.ok(files.has(`js/${m[1]}`), `${name} imports missing ${m[1]}`);
    }
  });

  it("never build markup from strings, evaluate code, or inline handlers and scripts", async () => {
    const files = await loadStaticFiles();
    for (const [name, file] of files) {
      const text = file.body.toString("utf8");
      if (name.endsWith(".js")) {
        assert.doesNotMatch(text, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/, name);
      }
      if (name.endsWith(".html")) {
        assert.doesNotMatch(text, /\son[a-z]+=/i, `${name}: inline event handler`);
        assert.doesNotMatch(text, /<script(?![^>]*\bsrc=)[^>]*>/, `${name}: inline script`);
        assert.doesNotMatch(text, /\sstyle=/, `${name}: inline style`);
      }
    }
  });

  it("put the session token into the page once", async () => {
    const files = await loadStaticFiles();
    const page = renderIndex(files.get("index.html")!.body, "tok_123").toString("utf8");
    assert.match(page, /<meta name="zoomhook-token" content="tok_123">/);
    assert.doesNotMatch(page, /__ZOOMHOOK_TOKEN__/);
  });
});
