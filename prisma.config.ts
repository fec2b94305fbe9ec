// Prisma CLI configuration. The running console never uses the CLI: it applies
// prisma/migrations itself (lib/db/migrate.ts). See README, "Database".
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
