import { defineConfig } from "prisma/config";

// Migrations are committed SQL applied by lib/db/migrate.ts; this file only serves
// `prisma generate` (the CLI's native schema engine cannot be downloaded here).
export default defineConfig({
  schema: "prisma/schema.prisma",
});
