import { defineConfig } from 'prisma/config';

// The CLI only needs the schema to generate the client. Migrations are plain SQL in Prisma's
// folder format, applied by src/core/database/migrator.ts (the schema engine cannot be
// downloaded on every machine); `prisma migrate status/deploy` agree where it can.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/platform' },
});
