// Admin › Notifications in a real browser, with real receivers started by the test: an admin adds
// a signed webhook, tests it, and a declared incident reaches it within seconds; a failing Slack
// channel shows as failed (also in the app shell) until "Retry now" delivers it. The URL's secret
// path and the signing secret are on no page and in no database column. Responders and viewers
// cannot open the page (its actions: security.spec.ts).
import fs from "node:fs";
import type { Page } from "@playwright/test";
import { test, expect, signIn, uniqueTag, type Role } from "./fixtures";
import { toast } from "./support/admin-ui";
import { columnsHolding } from "./support/secret-scan";
import { verifySignature } from "../lib/notifications/signature";
import { startReceiver, type Receiver } from "../lib/notifications/testing";

const channelRow = (page: Page, name: string) => page.getByTestId(`channel-row-${name}`);

async function addChannel(page: Page, fields: { name: string; kind: "slack" | "webhook"; url: string; secret?: string; minSeverity?: string }) {
  await page.getByRole("button", { name: "Add channel", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Add a channel" });
  await dialog.getByLabel("Name").fill(fields.name);
  await dialog.getByLabel("Kind").selectOption(fields.kind);
  await dialog.getByLabel("Webhook URL").fill(fields.url);
  if (fields.secret !== undefined) await dialog.getByLabel("Signing secret").fill(fields.secret);
  if (fields.minSeverity) await dialog.getByLabel("Least severe incident it hears about").selectOption(fields.minSeverity);
  await dialog.getByRole("button", { name: "Add channel", exact: true }).click();
  await expect(toast(page, `Added "${fields.name}". Send a test to check it.`)).toBeVisible();
  await expect(dialog).toHaveCount(0);
  await expect(channelRow(page, fields.name)).toBeVisible();
}

async function deleteChannel(page: Page, name: string) {
  page.once("dialog", (d) => void d.accept());
  await channelRow(page, name).getByRole("button", { name: `Delete ${name}` }).click();
  await expect(toast(page, `Deleted "${name}".`)).toBeVisible();
}

let receivers: Receiver[] = [];
test.afterEach(async ({ db }) => {
  await Promise.all(receivers.map((r) => r.close()));
  receivers = [];
  // Anything still queued for this test's channels (other specs declare incidents meanwhile) goes with them.
  await db.query(`DELETE FROM "Notification" WHERE "channelName" LIKE 'e2e-notify-%' AND status <> 'delivered'`);
  await db.query(`DELETE FROM "NotificationChannel" WHERE name LIKE 'e2e-notify-%'`);
});

test("an admin adds a signed webhook, sends a test, and a declared incident reaches it within seconds", async ({ page, createUser, db }) => {
  const receiver = await startReceiver();
  receivers.push(receiver);
  const tag = uniqueTag();
  const name = `e2e-notify-hook-${tag}`;
  const secretPath = `hook-${tag}-${uniqueTag()}${uniqueTag()}`;
  const secret = `signing-${uniqueTag()}${uniqueTag()}${uniqueTag()}`;
  await signIn(page, await createUser("admin"));
  await page.goto("/admin/notifications");
  await expect(page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();

  // A webhook without a secret is refused beside the field, and nothing is stored.
  await page.getByRole("button", { name: "Add channel", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Add a channel" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Kind").selectOption("webhook");
  await dialog.getByLabel("Webhook URL").fill("not a url");
  await dialog.getByRole("button", { name: "Add channel", exact: true }).click();
  await expect(dialog.locator("#url-error")).toContainText("Enter the full webhook URL");
  await expect(dialog.locator("#secret-error")).toContainText("A JSON webhook is signed");
  expect((await db.query(`SELECT 1 FROM "NotificationChannel" WHERE name = $1`, [name])).rowCount).toBe(0);
  await dialog.getByRole("button", { name: "Cancel" }).click();

  await addChannel(page, { name, kind: "webhook", url: `${receiver.url}/${secretPath}`, secret, minSeverity: "P2" });
  const row = channelRow(page, name);
  await expect(row).toContainText(`${receiver.url}/…${secretPath.slice(-4)}`);
  await expect(row).toContainText("added by");

  await row.getByRole("button", { name: `Send test to ${name}` }).click();
  await expect(toast(page, `Test delivered to "${name}" (HTTP 200).`)).toBeVisible();
  const test = receiver.received[0];
  expect(test.path).toBe(`/${secretPath}`);
  expect(test.json).toMatchObject({ event: "notification.test", test: { channel: name } });
  const signed = { signature: test.headers["x-sitrep-signature"] as string, timestamp: test.headers["x-sitrep-timestamp"] as string };
  expect(verifySignature(secret, signed, test.body)).toBe(true);
  const delivery = page.locator(`[data-testid="delivery-${test.headers["x-sitrep-delivery"]}"]`);
  await expect(delivery).toHaveAttribute("data-status", "delivered");
  await expect(delivery).toContainText("Delivered");

  // A P1 declared through the app reaches the receiver, signed, within seconds.
  const title = `Notified ${tag}`;
  await page.keyboard.press("d");
  const declare = page.getByRole("dialog", { name: "Declare an incident" });
  await declare.getByLabel("Title").fill(title);
  await declare.getByText("Critical").click();
  await declare.getByRole("button", { name: "Declare incident" }).click();
  await expect(page).toHaveURL(/\/incidents\/\d+$/);
  const number = Number(page.url().split("/").pop());
  await expect.poll(() => receiver.received.find((r) => (r.json as { incident?: { title?: string } })?.incident?.title === title) ?? null, { timeout: 10_000 }).not.toBeNull();
  const declared = receiver.received.find((r) => (r.json as { incident?: { title?: string } })?.incident?.title === title)!;
  expect(declared.json).toMatchObject({ event: "incident.declared", incident: { number, ref: `INC-${number}`, severity: "P1", status: "triggered" } });
  expect(verifySignature(secret, { signature: declared.headers["x-sitrep-signature"] as string, timestamp: declared.headers["x-sitrep-timestamp"] as string }, declared.body)).toBe(true);

  // The secret path and the signing secret: on no page, in no column, not in the server's log.
  await page.goto("/admin/notifications");
  const html = await page.content();
  expect(html).not.toContain(secretPath);
  expect(html).not.toContain(secret);
  expect(await columnsHolding(db, secretPath)).toEqual([]);
  expect(await columnsHolding(db, secret)).toEqual([]);
  const log = fs.readFileSync(process.env.SITREP_SERVER_LOG!, "utf8");
  expect(log.includes(secretPath) || log.includes(secret)).toBe(false);

  await deleteChannel(page, name);
  await expect(channelRow(page, name)).toHaveCount(0);
});

test("a failing channel shows as failed, in the app shell too, until Retry now delivers it", async ({ page, createUser }) => {
  const receiver = await startReceiver([{ status: 404, body: "no_service" }, 200]);
  receivers.push(receiver);
  const name = `e2e-notify-slack-${uniqueTag()}`;
  await signIn(page, await createUser("admin"));
  await page.goto("/admin/notifications");
  // A Slack channel hears nothing real here: only P1 approvals, of which this test makes none.
  await addChannel(page, { name, kind: "slack", url: `${receiver.url}/services/T0/B0/x${uniqueTag()}` , minSeverity: "P1" });
  await channelRow(page, name).getByRole("button", { name: `Edit ${name}` }).click();
  const edit = page.getByRole("dialog", { name: `Edit ${name}` });
  for (const label of ["Incident declared", "Severity changed", "Incident resolved"]) await edit.getByLabel(label).uncheck();
  await edit.getByRole("button", { name: "Save channel" }).click();
  await expect(toast(page, `Saved "${name}".`)).toBeVisible();
  await expect(channelRow(page, name)).toContainText("Action awaits approval");

  await channelRow(page, name).getByRole("button", { name: `Send test to ${name}` }).click();
  await expect(toast(page, `Test to "${name}" failed: HTTP 404: no_service.`)).toBeVisible();
  const id = String(receiver.received[0].headers["x-sitrep-delivery"]);
  const delivery = page.getByTestId(`delivery-${id}`);
  await expect(delivery).toHaveAttribute("data-status", "failed");
  await expect(delivery.getByTestId("delivery-error")).toHaveText("HTTP 404: no_service");
  await expect(page.getByTestId("notification-failures")).toContainText("could not be delivered in the last 24 hours");

  await page.getByRole("link", { name: "Show failed only" }).click();
  await expect(page).toHaveURL("/admin/notifications?failed=1");
  await page.getByTestId(`delivery-${id}`).getByRole("button", { name: `Retry delivery ${id} now` }).click();
  await expect(toast(page, `Retry delivered to "${name}" (HTTP 200).`)).toBeVisible();
  await page.goto("/admin/notifications");
  await expect(page.getByTestId(`delivery-${id}`)).toHaveAttribute("data-status", "delivered");
  expect(receiver.received).toHaveLength(2);
});

for (const role of ["viewer", "responder"] satisfies Role[]) {
  test(`a ${role} cannot open Admin › Notifications and sees no delivery failures`, async ({ page, createUser }) => {
    await signIn(page, await createUser(role));
    const response = await page.goto("/admin/notifications");
    expect.soft(response?.status()).toBe(403);
    await expect(page.getByTestId("forbidden")).toBeVisible();
    await expect(page.getByRole("table", { name: "Notification channels" })).toHaveCount(0);
    await page.goto("/");
    await expect(page.getByTestId("notification-failures")).toHaveCount(0);
  });
}
