// Cases 1, 5, 6 and 7 of docs/security.md at the forms' doors: a crafted server-action POST may add
// the engine's own keys (HostConfig, CapAdd, Privileges…) to a container or service form, but the
// schema drops what the form does not have and the body is built field by field, so nothing of
// them reaches the engine; what the form does have (privileged, a host path, a network) is judged
// by the workload policy.
import { describe, expect, it } from 'vitest';
import { toCreateBody } from '@/lib/models/containers/container-form.ts';
import { judgeWorkload, requestFromContainerCreate, requestFromServiceSpec } from '@/lib/services/policy/workload-policy.ts';
import { DEFAULT_POLICY } from '@/lib/models/policies/policy-rules.ts';
import { toServiceSpec } from '@/lib/services/swarm-services/service-form.ts';
import { createContainerSchema } from './containers.ts';
import { serviceFormSchema } from './services.ts';

const HOST = 'cmabcdefghijklmnopqrstuvw';
const SWARM = 'abcdefghij0123456789abcde';
/** What a crafted POST could add: the engine's spellings and look-alike form fields. */
const ENGINE_KEYS = {
  HostConfig: { Privileged: true, CapAdd: ['ALL'], Binds: ['/:/host'], SecurityOpt: ['seccomp=unconfined'], PidMode: 'host', Devices: [{ PathOnHost: '/dev/sda' }], Sysctls: { 'kernel.x': '1' }, CgroupParent: '/' },
  Privileged: true, CapAdd: ['ALL'], Binds: ['/:/host'], capAdd: ['SYS_ADMIN'], cap_add: ['ALL'], securityOpt: ['apparmor=unconfined'], security_opt: ['seccomp:unconfined'],
  pid: 'host', pidMode: 'host', ipc: 'host', devices: ['/dev/sda'], sysctls: { 'net.ipv4.ip_forward': '1' }, cgroupParent: '/', deviceCgroupRules: ['c 1:3 mr'],
};
const SPELLED = /Privileged|CapAdd|CapabilityAdd|Binds|SecurityOpt|Seccomp|AppArmor|PidMode|IpcMode|Devices|Sysctls|CgroupParent|DeviceCgroupRules|"host"|\/dev\/sda/;

describe('a crafted container create', () => {
  it('loses every key the form does not have', () => {
    const input = createContainerSchema.parse({ hostId: HOST, image: 'nginx', ...ENGINE_KEYS });
    const body = toCreateBody(input, 'mallory', input.labels);
    expect(JSON.stringify(body)).not.toMatch(SPELLED);
    expect(judgeWorkload(requestFromContainerCreate(body), DEFAULT_POLICY)).toEqual([]);
  });

  it('has what the form has judged: privileged, a host path, the host network', () => {
    const rules = (fields: Record<string, unknown>) => {
      const input = createContainerSchema.parse({ hostId: HOST, image: 'nginx', ...fields });
      return judgeWorkload(requestFromContainerCreate(toCreateBody(input, 'mallory', input.labels)), DEFAULT_POLICY).map((v) => v.rule);
    };
    expect(rules({ privileged: true })).toEqual(['privileged']);
    expect(rules({ volumes: '//var/run/../run/docker.sock:/s' })).toEqual(['engine-socket']);
    expect(rules({ network: 'host' })).toEqual(['host-namespace']);
  });

  it('cannot name another container\'s namespace as its network', () => {
    for (const network of ['container:4f2a9c1b7d3e', 'service:web', 'ns:/proc/1/ns/net']) expect(createContainerSchema.safeParse({ hostId: HOST, image: 'nginx', network }).success, network).toBe(false);
  });
});

describe('a crafted service create', () => {
  it('loses every key the form does not have', () => {
    const { form } = serviceFormSchema.parse({ swarmId: SWARM, form: { name: 'api', image: 'nginx', ...ENGINE_KEYS, CapabilityAdd: ['ALL'], Privileges: { Seccomp: { Mode: 'unconfined' } }, ContainerSpec: { Privileges: { AppArmor: { Mode: 'disabled' } } } } });
    const spec = toServiceSpec(form, { secrets: new Map(), configs: new Map(), networks: new Map() });
    expect(JSON.stringify(spec)).not.toMatch(SPELLED);
    expect(judgeWorkload(requestFromServiceSpec(spec), DEFAULT_POLICY)).toEqual([]);
  });
});
