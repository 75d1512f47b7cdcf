import "server-only";
import { getActiveCatalog } from "@/lib/services/catalog-store";
import type { ActionInfo } from "./info-types";
import { describeVerify } from "./verify-rules";

// What a page hands a Run button: the action as declared, without its executor (the preflight
// dialog asks the server for the resolved request).

export async function listActionInfos(services: string[]): Promise<ActionInfo[]> {
  const { catalog } = await getActiveCatalog();
  return services.flatMap((slug) => {
    const svc = catalog.services.find((s) => s.slug === slug);
    return (svc?.actions ?? []).map((a) => ({
      service: svc!.slug, serviceName: svc!.name, name: a.name, title: a.title, description: a.description,
      danger: a.danger, approval: a.approval, timeoutMs: a.timeout, params: a.params,
      verify: a.verify ? describeVerify(a.verify) : null,
      rollback: a.rollback ? svc!.actions.find((r) => r.name === a.rollback)?.title ?? a.rollback : null,
    }));
  });
}
