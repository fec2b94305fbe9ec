// Key rotation against a real database: stored host secrets are resealed with the new key, the
// database never holds plaintext, and hosts still connect afterwards.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKeyring } from '@/lib/crypto/secret-box.ts';
import { registerHostSchema } from '@/lib/schemas/hosts.ts';
import { probeEngine } from '@/lib/services/docker/probe-engine.ts';
import { specOfHost } from '@/lib/services/hosts/host-connection.ts';
import { registerHost } from '@/lib/services/hosts/register-host.ts';
import { resealSecrets } from '@/lib/services/secrets/reseal-secrets.ts';
import { createTestDeps, labState, readPem, seedUser, type TestDeps } from '../support/integration.ts';

const lab = labState();
let deps: TestDeps;

beforeAll(async () => {
  deps = await createTestDeps('secrets');
});
afterAll(async () => {
  await deps.close();
});

describe('rotating the secret key', () => {
  it('reseals every stored secret with the new key and the hosts still connect', async () => {
    const operator = (await seedUser(deps.db, 'operator')).actor;
    const h = lab.hosts[1];
    await registerHost(deps, operator, registerHostSchema.parse({ name: 'tls-a', transport: 'tcp', host: h.tcp.host, port: h.tcp.port, ca: readPem(lab.tls.caCert), cert: readPem(lab.tls.clientCert), key: readPem(lab.tls.clientKey) }));
    await registerHost(deps, operator, registerHostSchema.parse({ name: 'ssh-a', transport: 'ssh', host: lab.ssh.host, port: lab.ssh.port, username: 'root', privateKey: readPem(lab.ssh.privateKey) }));
    await registerHost(deps, operator, registerHostSchema.parse({ name: 'unix-a', transport: 'unix', socketPath: h.socket }));

    const oldKeyring = deps.keyring;
    const rotated = makeKeyring(randomBytes(32), [oldKeyring.current.key]);
    const result = await resealSecrets(deps.db, rotated);
    expect(result).toEqual({ resealed: 2, total: 2 });
    expect(await resealSecrets(deps.db, rotated)).toEqual({ resealed: 0, total: 2 });

    const rows = await deps.db.host.findMany({ where: { secretsSealed: { not: null } } });
    for (const row of rows) {
      expect(row.secretsSealed!.split('.')[1]).toBe(rotated.current.id);
      expect(row.secretsSealed).not.toMatch(/PRIVATE KEY|CERTIFICATE/);
      // The old key alone can no longer open them; the new keyring can, and the engine answers.
      expect(() => specOfHost(oldKeyring, row)).toThrow(/not configured/);
      const probe = await probeEngine(specOfHost(rotated, row));
      expect(probe.facts.name).toMatch(/^lab-/);
    }
  });
});
