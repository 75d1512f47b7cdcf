"use client";
import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";

/** navigator.clipboard needs a secure context; Sitrep is often reached over plain http on a LAN. */
async function copyText(text: string): Promise<boolean> {
  try {
    if (window.isSecureContext && navigator.clipboard) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the old way
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.append(area);
  area.select();
  const ok = document.execCommand("copy");
  area.remove();
  return ok;
}

/** A small copy button; `what` names it for screen readers and the toast ("PromQL", "command"). */
export function CopyButton({ text, label, what }: { text: string; label: string; what: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    if (await copyText(text)) {
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
      toast.success(`${what[0].toUpperCase()}${what.slice(1)} copied`);
    } else {
      toast.error(`Could not copy: select the ${what} and copy it by hand.`);
    }
  };
  return (
    <button
      type="button"
      onClick={copy}
      aria-label={label}
      title={`Copy ${what}`}
      className="inline-flex size-7 shrink-0 items-center justify-center rounded border border-border text-muted hover:bg-surface-2 hover:text-fg"
    >
      {copied ? <Check className="size-4 text-ok" aria-hidden /> : <Copy className="size-4" aria-hidden />}
    </button>
  );
}
