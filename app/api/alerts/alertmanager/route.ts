import { handleAlertmanagerWebhook } from "@/lib/alerts/webhook";

export const POST = handleAlertmanagerWebhook;
