"use server";
import { revalidatePath } from "next/cache";
import { actorOf, defineAction } from "@/lib/action-client";
import { createChannel, deleteChannel, setChannelEnabled, updateChannel } from "./channels";
import { retryDelivery, sendTestNotification, type ManualResult } from "./deliveries";
import {
  createChannelSchema, deleteChannelSchema, retryDeliverySchema, setChannelEnabledSchema, testChannelSchema, updateChannelSchema,
} from "./schemas";

const PAGE = "/admin/notifications";

function outcome(r: ManualResult & { channel: string }, what: string): { data: { id: string; status: string }; message: string } {
  const data = { id: r.id.toString(), status: r.status };
  if (r.status === "delivered") return { data, message: `${what} delivered to "${r.channel}" (HTTP ${r.lastStatus}).` };
  if (r.status === "queued") return { data, message: `${what} queued for "${r.channel}"; it is on its way.` };
  if (r.status === "pending") return { data, message: `${what} to "${r.channel}" failed: ${r.lastError}. It will be retried.` };
  return { data, message: `${what} to "${r.channel}" failed: ${r.lastError}.` };
}

export const createNotificationChannelAction = defineAction({
  name: "createNotificationChannel",
  role: "admin",
  input: createChannelSchema,
  async handler(input, user) {
    const row = await createChannel(actorOf(user), input);
    revalidatePath(PAGE);
    return { data: { id: row.id }, message: `Added "${row.name}". Send a test to check it.` };
  },
});

export const updateNotificationChannelAction = defineAction({
  name: "updateNotificationChannel",
  role: "admin",
  input: updateChannelSchema,
  async handler(input, user) {
    const row = await updateChannel(actorOf(user), input);
    revalidatePath(PAGE);
    return { data: { id: row.id }, message: `Saved "${row.name}".` };
  },
});

export const setNotificationChannelEnabledAction = defineAction({
  name: "setNotificationChannelEnabled",
  role: "admin",
  input: setChannelEnabledSchema,
  async handler({ id, enabled }, user) {
    const row = await setChannelEnabled(actorOf(user), id, enabled);
    revalidatePath(PAGE);
    return { data: undefined, message: `"${row.name}" is ${enabled ? "enabled" : "disabled"}.` };
  },
});

export const deleteNotificationChannelAction = defineAction({
  name: "deleteNotificationChannel",
  role: "admin",
  input: deleteChannelSchema,
  async handler({ id }, user) {
    const row = await deleteChannel(actorOf(user), id);
    revalidatePath(PAGE);
    return { data: undefined, message: `Deleted "${row.name}".` };
  },
});

export const sendTestNotificationAction = defineAction({
  name: "sendTestNotification",
  role: "admin",
  input: testChannelSchema,
  async handler({ channelKey }, user) {
    const r = await sendTestNotification(actorOf(user), channelKey);
    revalidatePath(PAGE);
    return outcome(r, "Test");
  },
});

export const retryNotificationAction = defineAction({
  name: "retryNotification",
  role: "admin",
  input: retryDeliverySchema,
  async handler({ id }, user) {
    const r = await retryDelivery(actorOf(user), id);
    revalidatePath(PAGE);
    return outcome(r, "Retry");
  },
});
