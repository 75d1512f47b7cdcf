"use client";
import { useEffect, useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { createNotificationChannelAction, updateNotificationChannelAction } from "@/lib/notifications/actions";
import { EVENT_LABEL } from "@/lib/notifications/payload";
import { CHANNEL_KINDS, KIND_LABEL } from "@/lib/notifications/schemas";
import { SEVERITIES } from "@/lib/incidents/rules";
import { NOTIFY_EVENTS } from "@/lib/services/catalog-schema";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";

export type EditableChannel = { id: string; name: string; kind: "slack" | "webhook"; target: string; signed: boolean; events: string[]; minSeverity: string };

/**
 * Adding or editing a channel, in a native modal <dialog> (focus trapped, Escape closes). The
 * stored URL and secret are never sent to the browser: on edit they stay as they are unless
 * something new is typed. The form is not reset on error, so nothing typed is lost.
 */
export function ChannelDialog({ channel, onClose }: { channel?: EditableChannel; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [kind, setKind] = useState<"slack" | "webhook">(channel?.kind ?? "slack");

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    dialog?.querySelector<HTMLInputElement>("#name")?.focus();
  }, []);

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const common = {
      name: String(form.get("name") ?? ""), url: String(form.get("url") ?? ""), secret: String(form.get("secret") ?? ""),
      events: form.getAll("events").map(String), minSeverity: String(form.get("minSeverity") ?? ""),
    };
    start(async () => {
      const result = channel ? await updateNotificationChannelAction({ id: channel.id, ...common }) : await createNotificationChannelAction({ ...common, kind });
      if (result.ok) {
        toast.success(result.message ?? "Saved.");
        ref.current?.close();
        return;
      }
      setErrors(result.fieldErrors ?? {});
      if (!result.fieldErrors) toast.error(result.error);
    });
  }

  const err = (name: string) => (errors[name] ? { "aria-invalid": true, "aria-describedby": `${name}-error` } : {});
  const title = channel ? `Edit ${channel.name}` : "Add a channel";

  return (
    <dialog ref={ref} aria-labelledby="channel-heading" onClose={onClose}
      className="m-auto w-[min(40rem,calc(100vw-2rem))] rounded-xl border border-border bg-bg p-0 text-fg shadow-2xl backdrop:bg-black/60">
      <form onSubmit={submit} noValidate className="flex flex-col gap-4 p-6" aria-label={title}>
        <h2 id="channel-heading" className="text-xl font-semibold">{title}</h2>
        <Field label="Name" name="name" errors={errors.name}>
          <input id="name" name="name" defaultValue={channel?.name} maxLength={60} placeholder="#ops-incidents" className={inputClass} {...err("name")} />
        </Field>
        {channel ? (
          <p className="text-sm"><span className="font-medium">Kind:</span> {KIND_LABEL[channel.kind]}</p>
        ) : (
          <Field label="Kind" name="kind" errors={errors.kind}>
            <select id="kind" name="kind" value={kind} onChange={(e) => setKind(e.target.value as "slack" | "webhook")} className={inputClass}>
              {CHANNEL_KINDS.map((k) => <option key={k} value={k}>{KIND_LABEL[k]}</option>)}
            </select>
          </Field>
        )}
        <Field label={channel ? "Webhook URL (leave empty to keep it)" : "Webhook URL"} name="url" errors={errors.url}
          hint={channel ? `Now: ${channel.target}. It is stored sealed and never shown again.` : "Stored sealed; only its host and last 4 characters are ever shown."}>
          <input id="url" name="url" type="url" autoComplete="off" spellCheck={false}
            placeholder={kind === "slack" ? "https://hooks.slack.com/services/…" : "https://hooks.example.com/sitrep"} className={inputClass} {...err("url")} />
        </Field>
        {kind === "webhook" ? (
          <Field label={channel?.signed ? "Signing secret (leave empty to keep it)" : "Signing secret"} name="secret" errors={errors.secret}
            hint="HMAC-SHA256 key the receiver checks X-Sitrep-Signature with; at least 16 characters (openssl rand -hex 32).">
            <input id="secret" name="secret" type="password" autoComplete="new-password" className={inputClass} {...err("secret")} />
          </Field>
        ) : null}
        <fieldset className="flex flex-col gap-1.5" aria-describedby={errors.events ? "events-error" : undefined}>
          <legend className="mb-1.5 text-sm font-medium">Events</legend>
          {NOTIFY_EVENTS.map((e) => (
            <label key={e} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="events" value={e} defaultChecked={channel ? channel.events.includes(e) : true} />
              {EVENT_LABEL[e]} <span className="font-mono text-xs text-muted">{e}</span>
            </label>
          ))}
          {errors.events ? <p id="events-error" className="text-sm text-danger">{errors.events.join(" ")}</p> : null}
        </fieldset>
        <Field label="Least severe incident it hears about" name="minSeverity" errors={errors.minSeverity} hint="P4 hears everything; P1 only the most severe incidents.">
          <select id="minSeverity" name="minSeverity" defaultValue={channel?.minSeverity ?? "P4"} className={inputClass}>
            {SEVERITIES.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </Field>
        <div className="flex justify-end gap-2 border-t border-border pt-4">
          <Button variant="secondary" onClick={() => ref.current?.close()}>Cancel</Button>
          <Button type="submit" disabled={pending}>{pending ? "Saving…" : channel ? "Save channel" : "Add channel"}</Button>
        </div>
      </form>
    </dialog>
  );
}
