import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";

export const listUsers = cache(() =>
  db.user.findMany({
    orderBy: [{ active: "desc" }, { name: "asc" }],
    select: { id: true, email: true, name: true, role: true, active: true, source: true, lastLoginAt: true, createdAt: true },
  }),
);

export type UserRow = Awaited<ReturnType<typeof listUsers>>[number];
