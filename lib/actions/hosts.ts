'use server';
// Server actions for hosts: thin wrappers over lib/services/hosts.
import { authedAction } from './action-client.ts';
import { registerHostSchema, updateHostSchema } from '@/lib/schemas/hosts.ts';
import { removeProvisionedHostSchema } from '@/lib/schemas/provision.ts';
import { registerHost } from '@/lib/services/hosts/register-host.ts';
import { removeHost } from '@/lib/services/hosts/remove-host.ts';
import { testHostConnection } from '@/lib/services/hosts/test-host-connection.ts';
import { updateHost } from '@/lib/services/hosts/update-host.ts';

const onHost = (permission: 'host.update' | 'host.delete') => (input: { id: string }) => ({ permission, target: { type: 'host' as const, id: input.id } });

export const registerHostAction = authedAction('host.create', registerHostSchema, 'host.create', ({ rt, actor, input }) => registerHost(rt, actor, input));

export const testHostConnectionAction = authedAction('host.test-connection', registerHostSchema, 'host.create', ({ rt, actor, input }) => testHostConnection(rt, actor, input));

export const updateHostAction = authedAction('host.update', updateHostSchema, onHost('host.update'), ({ rt, actor, input }) => updateHost(rt, actor, input));

export const removeHostAction = authedAction('host.delete', removeProvisionedHostSchema, onHost('host.delete'), ({ rt, actor, input }) => removeHost(rt, actor, input));
