// DNS rebinding: a page on rebind.attacker.example whose name later resolves to this machine
// sends its own name as Host and Origin. scripts/server.mjs answers only the names Sitrep was
// published under; anything else gets 421 before Next (and its origin check) sees it.
import http from "node:http";
import { test, expect } from "./fixtures";
import { loadServerActions, SESSION_COOKIE } from "./support/http";

const FOREIGN = "rebind.attacker.example:3999";

type Raw = { status: number; body: string; contentType: string };

/** Raw HTTP, so the Host header is exactly what we say (a browser under rebinding does the same). */
function raw(baseURL: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Raw> {
  const url = new URL(path, baseURL);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method: options.method ?? "GET", headers: options.headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, contentType: String(res.headers["content-type"] ?? "") }));
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

test("a page, sign-in and a server action under a foreign Host are refused with 421", async ({ baseURL, apiAs, createUser }) => {
  const port = new URL(baseURL!).port;
  const page = await raw(baseURL!, "/login", { headers: { Host: FOREIGN } });
  expect(page.status).toBe(421);
  expect(page.contentType).toContain("text/plain");
  expect(page.body).toContain(`127.0.0.1:${port}`);
  expect(page.body).toContain("SITREP_ALLOWED_HOSTS");
  expect(page.body.trim().split("\n")).toHaveLength(1);

  const form = new URLSearchParams({ csrfToken: "x", email: "admin@example.com", password: "whatever" }).toString();
  const signIn = await raw(baseURL!, "/api/auth/callback/credentials", {
    method: "POST",
    headers: { Host: FOREIGN, Origin: `http://${FOREIGN}`, "Content-Type": "application/x-www-form-urlencoded" },
    body: form,
  });
  expect(signIn.status).toBe(421);

  // Even with a real admin session cookie, Host and Origin agreeing is not enough.
  const admin = await apiAs(await createUser("admin"));
  const cookie = (await admin.storageState()).cookies.find((c) => c.name === SESSION_COOKIE)!;
  const action = loadServerActions().find((a) => a.key === "lib/users/actions.ts#createUserAction")!;
  const call = await raw(baseURL!, action.pages[0], {
    method: "POST",
    headers: {
      Host: FOREIGN,
      Origin: `http://${FOREIGN}`,
      Cookie: `${SESSION_COOKIE}=${cookie.value}`,
      "Next-Action": action.id,
      Accept: "text/x-component",
      "Content-Type": "text/plain;charset=UTF-8",
    },
    body: JSON.stringify([{}]),
  });
  expect(call.status).toBe(421);
});

test("the loopback names on the app's port are accepted, and health checks answer any Host", async ({ baseURL }) => {
  const port = new URL(baseURL!).port;
  for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
    expect((await raw(baseURL!, "/login", { headers: { Host: host } })).status, host).toBe(200);
  }
  expect((await raw(baseURL!, "/login", { headers: { Host: "localhost:1" } })).status).toBe(421);
  for (const path of ["/api/health", "/api/health/ready"]) {
    expect((await raw(baseURL!, path, { headers: { Host: "10.1.2.3" } })).status, path).toBe(200);
  }
});
