// Prisma 7 reads no .env by itself, and env("DATABASE_URL") throws when it is unset:
// `prisma generate` needs no database, so a placeholder URL keeps it working offline.
import { defineConfig } from "prisma/config";

try {
  process.loadEnvFile(".env");
} catch {}

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/sitrep" },
});
