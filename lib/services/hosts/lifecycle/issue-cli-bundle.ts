// "Connect with the docker CLI": a client certificate issued to the signed-in user for this host
// (recorded, so CLI use is attributable), zipped with the host's own CA, an env script and the
// `docker context create` command. The certificate is signed by this host's CA, so it opens this
// engine only, and lasts WHARF_CLI_BUNDLE_DAYS (30 unless configured). It is root on that engine,
// so only users allowed unrestricted workloads on the host get one (`authorize()` here as well as
// in the action); a host still on the former shared CA gets none until it has a CA of its own.
import 'server-only';
import { isIP } from 'node:net';
import { zipSync, strToU8 } from 'fflate';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { authorize } from '@/lib/auth/authorize.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import type { ServiceDeps } from '../../deps.ts';
import { hostAuthority } from '../pki/host-authorities.ts';
import { issueRecordedClientCertificate } from '../pki/issue-recorded-certificate.ts';
import { ENGINE_TLS_PORT } from '../drivers/step-io.ts';
import { storedText } from '../provision/stored-text.ts';
import type { LifecycleDeps } from './lifecycle-deps.ts';
import { openProvisionedMachine } from './open-provisioned-machine.ts';

/** host:port as the docker CLI writes it (IPv6 addresses in brackets). Pure. */
export const engineEndpoint = (address: string) => `${isIP(address) === 6 ? `[${address}]` : address}:${ENGINE_TLS_PORT}`;

/** The name a bundle's files and docker context use: the host name, safe for paths and argv. */
export const contextNameOf = (hostName: string) => `wharf-${hostName.toLowerCase().replace(/[^a-z0-9._-]/g, '-')}`;

/** What the host page shows: the command to create a docker context from an unpacked bundle. Pure. */
export function dockerContextCommand(hostName: string, address: string): string {
  const name = contextNameOf(hostName);
  const dir = `$HOME/.docker/wharf/${name}`;
  return `docker context create ${name} --docker "host=tcp://${engineEndpoint(address)},ca=${dir}/ca.pem,cert=${dir}/cert.pem,key=${dir}/key.pem"`;
}

export function envScript(hostName: string, address: string): string {
  const name = contextNameOf(hostName);
  return [
    '#!/bin/sh',
    `# Point the docker CLI at ${hostName} through Wharf's TLS setup: . ./env.sh`,
    `# Or keep the files in ~/.docker/wharf/${name}/ and use a context:`,
    `#   ${dockerContextCommand(hostName, address)}`,
    `export DOCKER_HOST=tcp://${engineEndpoint(address)}`,
    'export DOCKER_TLS_VERIFY=1',
    'export DOCKER_CERT_PATH="$(cd "$(dirname "$0")" 2>/dev/null && pwd || pwd)"',
    '',
  ].join('\n');
}

export async function issueCliBundle(deps: LifecycleDeps & Pick<ServiceDeps, 'cliBundleDays'>, actor: Actor, input: { id: string }): Promise<{ fileName: string; base64: string; serial: string; notAfter: string }> {
  await authorize(deps.db, actor, 'workload.unrestricted', { type: 'host', id: input.id });
  const target = await openProvisionedMachine(deps, input.id);
  return audited(deps.db, subjectOf(actor), 'host.cli-certificate', { type: 'host', id: target.hostId, name: target.hostName }, async () => {
    const host = await deps.db.host.findUniqueOrThrow({ where: { id: target.hostId }, select: { name: true, caId: true, tlsChangeStartedAt: true } });
    if (!host.caId) {
      throw new AppError('PRECONDITION', msg('hosts.errors.bundleSharedCa', { name: host.name }));
    }
    if (host.tlsChangeStartedAt) throw new AppError('CONFLICT', msg('hosts.errors.bundleReplacing', { name: host.name }));
    const ca = await hostAuthority(deps, host);
    const issued = await issueRecordedClientCertificate(deps, ca, { kind: 'user', userId: actor.id, username: actor.username, hostId: target.hostId, hostName: target.hostName, days: deps.cliBundleDays });
    // A rotation that finished while this was issued left the certificate signed by a CA the engine no longer trusts.
    const after = await deps.db.host.findUniqueOrThrow({ where: { id: target.hostId }, select: { caId: true } });
    if (after.caId !== ca.id) {
      await deps.db.clientCertificate.update({ where: { serial: issued.serial }, data: { revokedAt: new Date(), revokedByName: actor.username, revokedReason: storedText(msg('hosts.bundles.reasons.rotatedWhileIssued')) } });
      throw new AppError('CONFLICT', msg('hosts.errors.bundleCaReplaced', { name: host.name }));
    }
    const name = contextNameOf(target.hostName);
    const readme = [
      `Docker CLI access to ${target.hostName}, issued by Wharf to ${actor.username} on ${new Date().toISOString()}.`,
      `Certificate serial ${issued.serial}, valid until ${issued.notAfter.toISOString()}.`,
      `It opens ${target.hostName}'s engine only, and stops working when it expires or is revoked in Wharf.`,
      '',
      'Keep key.pem secret: it identifies you to the engine, with full control of it.',
      '',
      `  mkdir -p ~/.docker/wharf/${name} && cp ca.pem cert.pem key.pem ~/.docker/wharf/${name}/`,
      `  ${dockerContextCommand(target.hostName, target.address)}`,
      `  docker --context ${name} info`,
      '',
      'Or, from this folder:  . ./env.sh && docker info',
      '',
    ].join('\n');
    const zip = zipSync({
      [`${name}/ca.pem`]: strToU8(issued.ca),
      [`${name}/cert.pem`]: strToU8(issued.cert),
      [`${name}/key.pem`]: [strToU8(issued.key), { os: 3, attrs: 0o600 << 16 }],
      [`${name}/env.sh`]: [strToU8(envScript(target.hostName, target.address)), { os: 3, attrs: 0o755 << 16 }],
      [`${name}/README.txt`]: strToU8(readme),
    });
    return { fileName: `${name}.zip`, base64: Buffer.from(zip).toString('base64'), serial: issued.serial, notAfter: issued.notAfter.toISOString() };
  }, (result) => ({ name: `${target.hostName} (certificate ${result.serial})` }));
}
