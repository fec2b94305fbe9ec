// `npm run secrets:rotate`: makes a new key for sealing secrets, keeps the old one as retired,
// and reseals every stored secret with the new key. Stop the console first: a running console
// holds the old keys in memory.
import path from 'node:path';
import { readConfig } from '../lib/config/env.ts';
import { createDb } from '../lib/db/client.ts';
import { openConfiguredDatabase } from '../lib/db/embedded-postgres.ts';
import { migrateDatabase } from '../lib/db/migrate.ts';
import { loadKeyring, rotateKeyFile } from '../lib/crypto/load-keyring.ts';
import { resealSecrets } from '../lib/services/secrets/reseal-secrets.ts';

const config = readConfig();
if (config.secretKey) {
  console.log('WHARF_SECRET_KEY is set: resealing with it. (To rotate: set a new WHARF_SECRET_KEY, add the old one to the');
  console.log(`"retired" list in ${path.join(config.dataDir, 'secret-keys.json')}, then run this.)`);
}
const database = await openConfiguredDatabase(config);
try {
  await migrateDatabase(database.url, path.resolve(import.meta.dirname, '../prisma/migrations'));
  // With WHARF_SECRET_KEY the new key is already configured; otherwise make one in the key file.
  const keyring = config.secretKey ? await loadKeyring(config.dataDir, config.secretKey) : await rotateKeyFile(config.dataDir);
  const db = createDb(database.url);
  const result = await resealSecrets(db, keyring).finally(() => db.$disconnect());
  console.log(`Current key: ${keyring.current.id}. Resealed ${result.resealed} of ${result.total} stored secrets.`);
} finally {
  await database.stop();
}
