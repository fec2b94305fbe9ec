import { describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor.ts';
import { grantsForUser, type RoleKey } from '@/lib/auth/permissions.ts';
import { localizeText, type AppError } from '@/lib/errors.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import type { ConnectionSpec } from '@/lib/models/hosts/connection-spec.ts';
import { judgeName, refusedAddress, screenConnection, type Lookup } from './connection-target.ts';

const actor = (role: RoleKey): Actor => ({ id: role, username: role, role, grants: grantsForUser({ role }), sessionId: 's', ip: null });
const tls = { ca: '', cert: '', key: '' };
const tcp = (host: string): ConnectionSpec => ({ transport: 'tcp', host, port: 2376, tls });
const names: Record<string, string[]> = {
  'engine.test': ['10.99.0.11'],
  'metadata.test': ['::ffff:169.254.169.254'],
  'mixed.test': ['10.99.0.12', 'fe80::1'],
  'aws6.test': ['fd00:ec2::254'],
  'self.test': ['127.0.0.1'],
};
const lookup: Lookup = async (name) => names[name] ?? [];
const refusal = (work: Promise<unknown>) => work.then(() => null, (e: AppError) => e);

describe('refusedAddress', () => {
  it('refuses metadata, link-local and unspecified addresses, mapped spellings included', () => {
    for (const address of ['169.254.169.254', '::ffff:169.254.169.254', '::ffff:a9fe:a9fe', 'fe80::1', 'fd00:ec2::254', '0.0.0.0', '::']) expect(refusedAddress(address), address).not.toBeNull();
    for (const address of ['10.99.0.11', '127.0.0.1', '2001:db8::1']) expect(refusedAddress(address), address).toBeNull();
  });
});

describe('screenConnection', () => {
  it('connects to the address it judged, for a name and for an IP address', async () => {
    expect(await screenConnection(actor('operator'), tcp('engine.test'), lookup)).toEqual({ connectTo: '10.99.0.11' });
    expect(await screenConnection(actor('operator'), tcp('10.99.0.12'), lookup)).toEqual({ connectTo: '10.99.0.12' });
  });

  it('judges the addresses a name resolves to, not the name: any refused address refuses the name', async () => {
    for (const name of ['metadata.test', 'mixed.test', 'aws6.test', '::ffff:169.254.169.254']) {
      const error = await refusal(screenConnection(actor('admin'), tcp(name), lookup));
      expect(error?.code, name).toBe('FORBIDDEN');
      expect(localizeText(error?.fieldErrors?.host?.[0] ?? '', 'en')).toMatch(/Wharf does not connect to .*: it is a (cloud metadata service|link-local address)/);
    }
  });

  it("keeps the console's own machine (unix sockets, loopback) to administrators", async () => {
    const socket: ConnectionSpec = { transport: 'unix', socketPath: '/var/run/docker.sock' };
    expect(localizeText((await refusal(screenConnection(actor('operator'), socket, lookup)))?.fieldErrors?.socketPath?.[0] ?? '', 'en')).toMatch(/not allowed to connect to engines on the console's own machine/);
    expect((await refusal(screenConnection(actor('operator'), tcp('self.test'), lookup)))?.fieldErrors?.host).toBeDefined();
    expect(await screenConnection(actor('admin'), socket, lookup)).toEqual({ connectTo: null });
    expect(await screenConnection(actor('admin'), tcp('self.test'), lookup)).toEqual({ connectTo: '127.0.0.1' });
  });

  it('says so when a name resolves to nothing', async () => {
    const error = await refusal(screenConnection(actor('admin'), tcp('nowhere.test'), lookup));
    expect(error?.code).toBe('ENGINE_UNREACHABLE');
    expect(error?.message).toContain('No address found for "nowhere.test"');
    expect(renderMessage((await judgeName('mixed.test', lookup)).refused!, 'en')).toBe('mixed.test (fe80::1): it is a link-local address, where cloud metadata services answer');
    expect(renderMessage((await judgeName('mixed.test', lookup)).refused!, 'zh-CN')).toContain('mixed.test (fe80::1)');
  });
});
