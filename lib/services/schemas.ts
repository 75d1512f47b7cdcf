import { z } from "zod";
import { PANEL_RANGES } from "@/lib/services/types";

export const reloadCatalogSchema = z.strictObject({});
export const panelRangeSchema = z.enum(PANEL_RANGES, { error: `range must be one of ${PANEL_RANGES.join(", ")}` });
