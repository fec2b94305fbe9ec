// After a key rotation: opens every stored secret with whichever key sealed it and seals it again
// with the current key, in one transaction. Returns how many rows changed.
import { needsReseal, open, seal, type Keyring } from '@/lib/crypto/secret-box.ts';
import type { Db } from '@/lib/db/client.ts';
import { hostSecretContext } from '@/lib/services/hosts/host-connection.ts';

export async function resealSecrets(db: Db, keyring: Keyring): Promise<{ resealed: number; total: number }> {
  return db.$transaction(async (tx) => {
    const hosts = await tx.host.findMany({ where: { secretsSealed: { not: null } }, select: { id: true, secretsSealed: true } });
    let resealed = 0;
    for (const host of hosts) {
      if (!host.secretsSealed || !needsReseal(keyring, host.secretsSealed)) continue;
      const context = hostSecretContext(host.id);
      const plaintext = open(keyring, host.secretsSealed, context);
      await tx.host.update({ where: { id: host.id }, data: { secretsSealed: seal(keyring, plaintext, context) } });
      resealed++;
    }
    return { resealed, total: hosts.length };
  });
}
