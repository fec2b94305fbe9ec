// Key rotation against a real database: stored host secrets are resealed with the new key, the
// database never holds plaintext, and hosts still connect afterwards.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKeyring, open, seal } from '@/lib/crypto/secret-box.ts';
import { credentialContext } from '@/lib/services/hosts/cloud/cloud-credentials.ts';
import { createAuthority, hostAuthority } from '@/lib/services/hosts/pki/host-authorities.ts';
import { machineSecretContext } from '@/lib/services/hosts/provision/check-and-register.ts';
import { jobSecretContext } from '@/lib/services/hosts/provision/provision-runner.ts';
import { openInputs, sealInputs } from '@/lib/services/stacks/stack-inputs.ts';
import { registerHostSchema } from '@/lib/schemas/hosts.ts';
import { probeEngine } from '@/lib/services/engine/probe-engine.ts';
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
    // Another engine than tls-a's: the same engine twice is refused.
    await registerHost(deps, (await seedUser(deps.db, 'admin')).actor, registerHostSchema.parse({ name: 'unix-a', transport: 'unix', socketPath: lab.hosts[2].socket }));

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

  it('reseals the provisioning secrets too: machine keys, the CA key, cloud tokens, runs and stack inputs', async () => {
    const fresh = await createTestDeps('secrets_provisioning');
    try {
      const ca = await createAuthority(fresh, 'made');
      await fresh.db.host.create({ data: { id: 'hmachine000000000', name: 'made', transport: 'unix', address: '/x.sock', driver: 'generic', caId: ca.id, machineSealed: seal(fresh.keyring, '{"privateKey":"k"}', machineSecretContext('hmachine000000000')) } });
      await fresh.db.cloudCredential.create({ data: { id: 'hcloud0000000000', provider: 'digitalocean', name: 'acct', tokenHint: 'abcd', tokenSealed: seal(fresh.keyring, 'token-value', credentialContext('hcloud0000000000')) } });
      await fresh.db.provisionJob.create({ data: { id: 'hjob00000000000', hostName: 'made', driver: 'generic', status: 'failed', options: {}, createdByName: 'x', secretsSealed: seal(fresh.keyring, '{"privateKey":"k"}', jobSecretContext('hjob00000000000')) } });
      await fresh.db.stackRevision.create({ data: { id: 'hrev00000000000', swarmId: 's', stackName: 'web', number: 1, composeText: 'services: {}', createdByName: 'x', outcome: 'deployed', inputsSealed: sealInputs(fresh.keyring, 'hrev00000000000', { variables: { A: 'b' }, files: {} }) } });

      const rotated = makeKeyring(randomBytes(32), [fresh.keyring.current.key]);
      expect(await resealSecrets(fresh.db, rotated)).toEqual({ resealed: 5, total: 5 });
      expect(await resealSecrets(fresh.db, rotated)).toEqual({ resealed: 0, total: 5 });
      // Each opens with the new keyring alone, in its own context.
      const newOnly = makeKeyring(rotated.current.key);
      expect((await hostAuthority({ db: fresh.db, keyring: newOnly }, { name: 'made', caId: ca.id })).keyPem).toBe(ca.keyPem);
      const credential = await fresh.db.cloudCredential.findUniqueOrThrow({ where: { id: 'hcloud0000000000' } });
      expect(open(newOnly, credential.tokenSealed, credentialContext(credential.id))).toBe('token-value');
      const host = await fresh.db.host.findUniqueOrThrow({ where: { id: 'hmachine000000000' } });
      expect(open(newOnly, host.machineSealed!, machineSecretContext(host.id))).toContain('privateKey');
      const revision = await fresh.db.stackRevision.findUniqueOrThrow({ where: { id: 'hrev00000000000' } });
      expect(openInputs(newOnly, revision.id, revision.inputsSealed).variables).toEqual({ A: 'b' });
    } finally {
      await fresh.close();
    }
  });
});
