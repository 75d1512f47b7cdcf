import { cn } from "@/lib/cn";

export const inputClass =
  "h-10 w-full rounded-md border border-border bg-surface px-3 text-sm text-fg placeholder:text-muted focus:border-accent focus:outline-none aria-[invalid=true]:border-danger";

/** A labelled form field with its error right beside it. */
export function Field({
  label,
  name,
  errors,
  hint,
  children,
  className,
}: {
  label: string;
  name: string;
  errors?: string[];
  hint?: string;
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <div className={cn("flex flex-col gap-1.5", className)}>
      <label htmlFor={name} className="text-sm font-medium">
        {label}
      </label>
      {children}
      {hint && !errors?.length ? <p className="text-xs text-muted">{hint}</p> : null}
      {errors?.length ? (
        <p id={`${name}-error`} className="text-sm text-danger">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
