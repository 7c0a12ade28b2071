import { defineConfig } from "drizzle-kit";

// `npx drizzle-kit generate` writes a migration after a schema change; the studio applies
// pending migrations itself at start (lib/db/database.ts).
export default defineConfig({
  dialect: "sqlite",
  schema: "./lib/db/schema.ts",
  out: "./lib/db/migrations",
});
