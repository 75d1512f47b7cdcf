// The Admin › Users page, as the e2e tests drive it.
import { expect, type Page } from "@playwright/test";

export const openUsersPage = (page: Page) => page.goto("/admin/users");
export const userRow = (page: Page, email: string) => page.getByTestId(`user-row-${email}`);
export const addUserForm = (page: Page) => page.getByRole("form", { name: "Add a user" });
export const toast = (page: Page, text: string | RegExp) => page.locator("[data-sonner-toast]").filter({ hasText: text });

/** Clicks Deactivate, accepts the confirmation, and waits for the toast. Returns the dialog text. */
export async function deactivate(page: Page, email: string): Promise<string> {
  let dialogText = "";
  page.once("dialog", (dialog) => {
    dialogText = `${dialog.type()}: ${dialog.message()}`;
    void dialog.accept();
  });
  await userRow(page, email).getByRole("button", { name: "Deactivate" }).click();
  await expect(toast(page, `${email} is deactivated.`)).toBeVisible();
  return dialogText;
}

export async function reactivate(page: Page, email: string) {
  await userRow(page, email).getByRole("button", { name: "Reactivate" }).click();
  await expect(toast(page, `${email} is active again.`)).toBeVisible();
}
