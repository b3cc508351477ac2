// Talking to the inspector server: same-origin fetches; mutations carry the session token header.

const token = document.querySelector('meta[name="zoomhook-token"]')?.getAttribute("content") ?? "";

async function parse(res) {
  const type = res.headers.get("content-type") ?? "";
  const data = type.includes("application/json") ? await res.json() : await res.text();
  if (!res.ok) {
    const message = typeof data === "object" && data && data.error ? data.error : `HTTP ${res.status}`;
    throw Object.assign(new Error(message), { status: res.status });
  }
  return data;
}

export async function getJson(path) {
  return parse(await fetch(path, { credentials: "same-origin", cache: "no-store" }));
}

export async function getText(path) {
  return parse(await fetch(path, { credentials: "same-origin", cache: "no-store" }));
}

export async function post(path, body) {
  const res = await fetch(path, {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json", "x-zoomhook-token": token },
    body: body === undefined ? "" : JSON.stringify(body),
  });
  return parse(res);
}

export function captureUrl(id, suffix = "") {
  return `/api/captures/${encodeURIComponent(id)}${suffix}`;
}
