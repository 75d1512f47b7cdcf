"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/action-client";
import { reloadCatalog } from "@/lib/services/mutations";
import { reloadCatalogSchema } from "@/lib/services/schemas";

export const reloadCatalogAction = defineAction({
  name: "reloadCatalog",
  role: "admin",
  input: reloadCatalogSchema,
  async handler(_input, user) {
    const r = await reloadCatalog({ id: user.id, label: user.email });
    revalidatePath("/services", "layout");
    const message = r.changed
      ? `Loaded ${r.file}: ${r.serviceCount} service(s), version ${r.versionId}.`
      : `${r.file} is unchanged (version ${r.versionId}, ${r.serviceCount} service(s)).`;
    return { data: { versionId: r.versionId, changed: r.changed }, message };
  },
});
