// Revoking docker CLI bundles. dockerd reads no revocation list, so a bundle is revoked by
// rotating the CA of the host it opens (engine-trust.ts): every other bundle of that host stops
// working too, which the host page says, naming their users, before it asks for the host's name.
// A user who is disabled, or who may no longer run unrestricted workloads on a host, loses their
// bundles the same way. Each rotation is an audit row of its own (host.rotate-ca).
import 'server-only';
import { AppError, isAppError } from '@/lib/errors.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { bundlesToRevokeFor, bundleState, hostsToRotateFor, SHARED_CA_ID, stoppedByRotation, type BundleRevocation } from '@/lib/models/hosts/cli-bundles.ts';
import { hostsOnSharedAuthority } from '../pki/host-authorities.ts';
import { rotateHostAuthority, withTlsChange } from './engine-trust.ts';
import { issueText, msg } from '@/lib/i18n/message.ts';
import { sentences } from '@/lib/models/joined-messages.ts';
import { lineText } from '../provision/step-log.ts';
import { storedText } from '../provision/stored-text.ts';
import { collectingIo, type LifecycleDeps } from './lifecycle-deps.ts';
import { openProvisionedMachine } from './open-provisioned-machine.ts';
import { activeBundles, listHostBundles } from './read-cli-bundles.ts';
import type { Message } from '@/lib/i18n/message.ts';
import { log } from '@/lib/observability/logger.ts';

/** Hosts whose CA was rotated (nothing their old CA signed opens them any more), where that failed and why, and the log. */
export type Revocation = BundleRevocation & { log: string[] };

/** Rotates each host's CA in turn, each audited; one host's failure does not stop the others. */
async function rotateHosts(deps: LifecycleDeps, actor: Actor, hostIds: readonly string[], reason: string): Promise<Revocation> {
  const result: Revocation = { rotated: [], failed: [], log: [] };
  for (const hostId of hostIds) {
    const row = await deps.db.host.findUnique({ where: { id: hostId }, select: { name: true } });
    if (!row) continue;
    try {
      const target = await openProvisionedMachine(deps, hostId);
      await audited(deps.db, subjectOf(actor), 'host.rotate-ca', { type: 'host', id: hostId, name: row.name }, () =>
        withTlsChange(deps, target, async () => {
          const { io, lines } = collectingIo(180_000);
          try {
            return await rotateHostAuthority(deps, target, { byName: actor.username, reason }, io);
          } finally {
            result.log.push(...lines.map((line) => `${row.name}: ${lineText(line)}`));
            deps.changes.publish({ type: 'host.updated', hostId });
          }
        }),
      );
      result.rotated.push(row.name);
    } catch (error) {
      if (!isAppError(error)) log('bundles').error({ err: error }, `rotating the CA of ${row.name} failed`);
      result.failed.push({ hostName: row.name, message: isAppError(error) ? (error.said ?? error.message) : msg('modelText.bundles.unexpected') });
    }
  }
  return result;
}

function failureOf(holder: string | null, failed: Revocation['failed']): AppError {
  const each = failed.map((f) => msg('modelText.bundles.hostFailed', { host: f.hostName ?? msg('modelText.bundles.removedHost'), reason: f.message }));
  return new AppError('ENGINE_UNREACHABLE', msg('modelText.bundles.notEverywhere', { holder: holder ?? msg('modelText.bundles.removedUser'), failures: sentences(each) }));
}

/**
 * Revokes one bundle of a host after its name was typed: the host's CA is rotated (or, for a bundle
 * of the former shared CA, the CA of every host still on it), and with it every bundle it signed.
 */
export async function revokeCliBundle(deps: LifecycleDeps, actor: Actor, input: { id: string; serial: string; confirmName: string }): Promise<Revocation & { stopped: string[] }> {
  const listed = await listHostBundles(deps, input.id);
  const bundle = listed.bundles.find((b) => b.serial === input.serial);
  if (!bundle) throw new AppError('NOT_FOUND', msg('hosts.errors.notABundle', { name: listed.hostName }));
  if (input.confirmName.trim() !== listed.hostName) {
    throw new AppError('INVALID_INPUT', msg('hosts.errors.typeName', { name: listed.hostName }), { fieldErrors: { confirmName: [issueText('hosts.errors.nameMismatch')] } });
  }
  const holder = bundle.username ?? 'a removed user';
  return audited(deps.db, subjectOf(actor), 'host.cli-bundle.revoke', { type: 'host', id: listed.hostId, name: `${listed.hostName} (certificate ${bundle.serial} of ${holder})` }, async () => {
    const state = bundleState(bundle, Date.now());
    if (state !== 'active') throw new AppError('CONFLICT', msg('hosts.errors.bundleNotActive', { state }));
    const caId = bundle.caId ?? SHARED_CA_ID;
    if (caId !== SHARED_CA_ID && caId !== listed.trustedCa) {
      // Signed by a CA the engine no longer trusts (a rotation finished as it was issued): it already opens nothing.
      await deps.db.clientCertificate.update({ where: { serial: bundle.serial }, data: { revokedAt: new Date(), revokedByName: actor.username, revokedReason: storedText(msg('hosts.bundles.reasons.caAlreadyReplaced', { name: actor.username })) } });
      return { rotated: [], failed: [], log: [], stopped: [holder] };
    }
    // A bundle of the former shared CA opens every host still on it: each of them gets a CA of its own.
    const hostIds = caId === SHARED_CA_ID ? (await hostsOnSharedAuthority(deps)).map((h) => h.id) : hostsToRotateFor(bundle, []);
    const candidates = caId === SHARED_CA_ID ? await activeBundles(deps, { caId: SHARED_CA_ID }) : listed.bundles;
    const stopped = stoppedByRotation(candidates, new Map(hostIds.map((id) => [id, caId])), Date.now()).usernames;
    const result = await rotateHosts(deps, actor, hostIds, storedText(msg('hosts.bundles.reasons.revoked', { name: actor.username, holder, serial: bundle.serial, host: listed.hostName })));
    if (result.failed.length) throw failureOf(bundle.username, result.failed);
    return { ...result, stopped };
  });
}

/**
 * After a user's access changed: revokes each of their bundles for a host they may no longer hold
 * one for (`mayHold`; nothing for a disabled user). Never throws for a host that did not answer:
 * the caller reports what failed, and the bundle stays listed as active until it is revoked.
 */
export async function revokeBundlesOfUser(deps: LifecycleDeps, actor: Actor, user: { id: string; username: string }, mayHold: (hostId: string) => boolean, why: Message): Promise<Revocation> {
  const toRevoke = bundlesToRevokeFor(await activeBundles(deps, { userId: user.id }), mayHold, Date.now());
  if (!toRevoke.length) return { rotated: [], failed: [], log: [] };
  const shared = (await hostsOnSharedAuthority(deps)).map((h) => h.id);
  const hostIds = [...new Set(toRevoke.flatMap((b) => hostsToRotateFor(b, shared)))];
  const known = new Set((await deps.db.host.findMany({ where: { id: { in: hostIds } }, select: { id: true } })).map((h) => h.id));
  const result = await rotateHosts(deps, actor, hostIds.filter((id) => known.has(id)), storedText(msg('hosts.bundles.reasons.userRevoked', { why, name: user.username })));
  // A host Wharf forgot keeps trusting its CA: Wharf can no longer rotate it.
  for (const b of toRevoke.filter((b) => !b.hostId || !known.has(b.hostId))) {
    result.failed.push({ hostName: b.hostName, message: msg('modelText.bundles.forgottenHost', { until: b.notAfter.slice(0, 10) }) });
  }
  return result;
}
