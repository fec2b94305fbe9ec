// The compose schema per file version. Which keys each 3.x version allows, and which nested objects
// refuse or ignore unknown keys, were probed version by version with `docker stack config` (CLI 28.2).
import { describe, expect, it } from 'vitest';
import { inEnglish } from '@/lib/i18n/in-english.ts';
import { problemText } from '@/lib/services/stacks/compose/compose-path.ts';
import { checkCompose, readVersion, type ComposeVersion } from '@/lib/services/stacks/compose/compose-schema.ts';
import { parseComposeSource } from '@/lib/services/stacks/compose/parse-compose.ts';

const V = (minor: number): ComposeVersion => ({ major: 3, minor, versionless: false });
const VERSIONLESS: ComposeVersion = { major: 3, minor: 13, versionless: true };

/** Problems for a service body (YAML lines under services.a), as [severity, path, message]. */
function serviceProblems(body: string, version: ComposeVersion = VERSIONLESS) {
  const text = `services:\n  a:\n    image: x\n${body
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n')}\n`;
  return problems(text, version);
}

function problems(text: string, version: ComposeVersion = VERSIONLESS) {
  const parsed = parseComposeSource(text);
  expect(parsed.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return checkCompose(parsed.document as Record<string, unknown>, version, parsed.locate).map((p) => [p.severity, p.path, problemText(p)]);
}

describe('readVersion (CLI: 3.0 to 3.13, "3" and no version read as 3.13, a number refused)', () => {
  it.each([
    [{}, { major: 3, minor: 13, versionless: true }],
    [{ version: '3' }, { major: 3, minor: 13, versionless: false }],
    [{ version: '' }, { major: 3, minor: 13, versionless: false }],
    [{ version: '3.0' }, { major: 3, minor: 0, versionless: false }],
    [{ version: '3.8' }, { major: 3, minor: 8, versionless: false }],
    [{ version: '3.13' }, { major: 3, minor: 13, versionless: false }],
  ])('%j', (document, version) => {
    expect(inEnglish(readVersion(document))).toEqual({ version });
  });

  it.each([
    [{ version: 3.8 }, 'version must be a string: write version: "3.8", in quotes'],
    [{ version: '3.14' }, 'unsupported Compose file version: 3.14 (docker stack deploy reads 3.0 to 3.13, or a file without version:)'],
    [{ version: '2.4' }, 'unsupported Compose file version: 2.4 (docker stack deploy reads 3.0 to 3.13, or a file without version:)'],
    [{ version: '4' }, 'unsupported Compose file version: 4 (docker stack deploy reads 3.0 to 3.13, or a file without version:)'],
    [{ version: '3.00' }, 'unsupported Compose file version: 3.00 (docker stack deploy reads 3.0 to 3.13, or a file without version:)'],
  ])('refuses %j', (document, error) => {
    expect(inEnglish(readVersion(document))).toEqual({ error });
  });
});

describe('unknown keys', () => {
  it('are errors with their path and line, where the CLI refuses them', () => {
    expect(problems('services:\n  a:\n    image: x\n    bogus: 1\n    deploy:\n      bogus: 1\n      resources: {limits: {bogus: 1}}\nbogus: 1\n')).toEqual([
      ['error', 'services.a.bogus', 'unknown key "bogus" in services.a'],
      ['error', 'services.a.deploy.bogus', 'unknown key "bogus" in services.a.deploy'],
      ['error', 'services.a.deploy.resources.limits.bogus', 'unknown key "bogus" in services.a.deploy.resources.limits'],
      ['error', 'bogus', 'unknown key "bogus" in the top level'],
    ]);
    const parsed = parseComposeSource('services:\n  a:\n    image: x\n    bogus: 1\n');
    expect(checkCompose(parsed.document as Record<string, unknown>, VERSIONLESS, parsed.locate)[0]).toMatchObject({ line: 4, column: 5 });
  });

  it.each([
    ['healthcheck: {test: x, bogus: 1}', 'services.a.healthcheck.bogus'],
    ['logging: {driver: x, bogus: 1}', 'services.a.logging.bogus'],
    ['credential_spec: {file: x, bogus: 1}', 'services.a.credential_spec.bogus'],
    ['ports: [{target: 1, bogus: 1}]', 'services.a.ports[0].bogus'],
    ['volumes: [{type: volume, target: /x, bogus: 1}]', 'services.a.volumes[0].bogus'],
    ['networks: {n: {bogus: 1}}', 'services.a.networks.n.bogus'],
    ['ulimits: {nofile: {soft: 1, hard: 2, bogus: 1}}', 'services.a.ulimits.nofile.bogus'],
    ['deploy: {restart_policy: {bogus: 1}}', 'services.a.deploy.restart_policy.bogus'],
    ['deploy: {placement: {preferences: [{spread: x, bogus: 1}]}}', 'services.a.deploy.placement.preferences[0].bogus'],
    ['deploy: {update_config: {bogus: 1}}', 'services.a.deploy.update_config.bogus'],
    ['deploy: {rollback_config: {bogus: 1}}', 'services.a.deploy.rollback_config.bogus'],
    ['deploy: {resources: {reservations: {generic_resources: [{discrete_resource_spec: {kind: a, bogus: 1}}]}}}', 'services.a.deploy.resources.reservations.generic_resources[0].discrete_resource_spec.bogus'],
    ['deploy: {x-ext: 1}', 'services.a.deploy.x-ext'],
    ['platform: linux', 'services.a.platform'],
    ['pull_policy: always', 'services.a.pull_policy'],
    ['group_add: [x]', 'services.a.group_add'],
  ])('%s is refused (CLI: "Additional property … is not allowed")', (body, path) => {
    expect(inEnglish(serviceProblems(body))).toEqual([['error', path, `unknown key "${path.split('.').pop()}" in ${path.slice(0, path.lastIndexOf('.'))}`]]);
  });

  it.each([
    ['secrets: [{source: s, bogus: 1}]', 'services.a.secrets[0].bogus'],
    ['configs: [{source: c, bogus: 1}]', 'services.a.configs[0].bogus'],
    ['volumes: [{type: bind, source: /a, target: /x, bind: {create_host_path: true}}]', 'services.a.volumes[0].bind.create_host_path'],
    ['volumes: [{type: volume, target: /x, volume: {bogus: 1}}]', 'services.a.volumes[0].volume.bogus'],
    ['volumes: [{type: tmpfs, target: /x, tmpfs: {mode: 0700}}]', 'services.a.volumes[0].tmpfs.mode'],
  ])('%s is a warning: the CLI accepts and ignores it', (body, path) => {
    expect(inEnglish(serviceProblems(body))).toEqual([['warning', path, `unknown key "${path.split('.').pop()}" in ${path.slice(0, path.lastIndexOf('.'))} is ignored (docker stack deploy ignores it too)`]]);
  });

  it('checks top-level sections too', () => {
    expect(problems('services:\n  a: {image: x}\nnetworks:\n  n: {ipam: {bogus: 1}, external: {name: x, bogus: 1}}\nvolumes:\n  v: {bogus: 1}\nsecrets:\n  s: {file: x, bogus: 1, external: {bogus: 1}}\nconfigs:\n  c: {file: x, bogus: 1}\n')).toEqual([
      ['error', 'networks.n.ipam.bogus', 'unknown key "bogus" in networks.n.ipam'],
      ['error', 'networks.n.external.bogus', 'unknown key "bogus" in networks.n.external'],
      ['error', 'volumes.v.bogus', 'unknown key "bogus" in volumes.v'],
      ['error', 'secrets.s.bogus', 'unknown key "bogus" in secrets.s'],
      ['warning', 'secrets.s.external.bogus', 'unknown key "bogus" in secrets.s.external is ignored (docker stack deploy ignores it too)'],
      ['error', 'configs.c.bogus', 'unknown key "bogus" in configs.c'],
    ]);
  });

  it('allows any key inside build, which is ignored as a whole', () => {
    expect(inEnglish(serviceProblems('build: {context: ., whatever: 1}'))).toEqual([]);
  });

  it('refuses top-level keys of the newer Compose Specification that the CLI does not read', () => {
    expect(problems('name: shop\nservices:\n  a: {image: x}\n')).toEqual([['error', 'name', 'unknown key "name" in the top level']]);
  });
});

describe('keys and forms by file version (probed with docker stack config for each of 3.0 … 3.13)', () => {
  it.each([
    ['secrets: [s]', 1],
    ['configs: [c]', 3],
    ['credential_spec: {file: x}', 3],
    ['isolation: default', 5],
    ['init: true', 7],
    ['cgroupns_mode: host', 9],
    ['oom_score_adj: 1', 13],
    ['healthcheck: {test: x, start_period: 1s}', 4],
    ['healthcheck: {test: x, start_interval: 1s}', 12],
    ['deploy: {endpoint_mode: dnsrr}', 2],
    ['deploy: {rollback_config: {parallelism: 1}}', 7],
    ['deploy: {update_config: {order: start-first}}', 4],
    ['deploy: {resources: {limits: {pids: 1}}}', 9],
    ['deploy: {resources: {reservations: {generic_resources: []}}}', 5],
    ['deploy: {placement: {preferences: [{spread: x}]}}', 3],
    ['deploy: {placement: {max_replicas_per_node: 1}}', 8],
    ['networks: {n: {driver_opts: {a: b}}}', 13],
    ['credential_spec: {config: c}', 8],
    ['x-anything: 1', 7],
  ])('%s needs 3.%i', (body, since) => {
    expect(inEnglish(serviceProblems(body, V(since)))).toEqual([]);
    const before = serviceProblems(body, V(since - 1));
    expect(before).toHaveLength(1);
    expect(before[0][0]).toBe('error');
    expect(before[0][2]).toMatch(new RegExp(`needs? compose file version 3.${since} or later; this is version 3.${since - 1}`));
  });

  it('gates the long syntax of ports (3.2) and volumes (3.2), and tmpfs options (3.6)', () => {
    expect(inEnglish(serviceProblems('ports: [{target: 80}]', V(1)))).toEqual([['error', 'services.a.ports[0]', 'the long syntax of ports (services.a.ports[0]) needs compose file version 3.2 or later; this is version 3.1']]);
    expect(inEnglish(serviceProblems('volumes: [{type: volume, target: /x}]', V(1)))).toEqual([['error', 'services.a.volumes[0]', 'the long syntax of volumes (services.a.volumes[0]) needs compose file version 3.2 or later; this is version 3.1']]);
    expect(inEnglish(serviceProblems('volumes: [{type: tmpfs, target: /x, tmpfs: {size: 1}}]', V(5))[0][2])).toMatch(/"tmpfs" in services.a.volumes\[0\] needs compose file version 3.6/);
    expect(inEnglish(serviceProblems('ports: ["80:80"]', V(0)))).toEqual([]);
  });

  it('gates top-level sections and extension keys', () => {
    expect(problems('services:\n  a: {image: x}\nsecrets:\n  s: {file: x}\n', V(0))).toEqual([['error', 'secrets', '"secrets" in the top level needs compose file version 3.1 or later; this is version 3.0']]);
    expect(problems('services:\n  a: {image: x}\nx-top: 1\n', V(3))).toEqual([['error', 'x-top', 'extension keys (x-…) in the top level need compose file version 3.4 or later; this is version 3.3']]);
    expect(problems('services:\n  a: {image: x}\nx-top: 1\n', V(4))).toEqual([]);
    expect(problems('services:\n  a: {image: x}\nnetworks:\n  n: {name: x}\nvolumes:\n  v: {name: y}\n', V(4))).toEqual([['error', 'networks.n.name', '"name" in networks.n needs compose file version 3.5 or later; this is version 3.4']]);
  });

  it('reads a file without version: as 3.13, and names that in messages', () => {
    expect(inEnglish(serviceProblems('bogus_key: 1'))).toEqual([['error', 'services.a.bogus_key', 'unknown key "bogus_key" in services.a']]);
  });
});

describe('Wharf extensions, allowed only without version:', () => {
  const text = 'services:\n  a: {image: x}\nconfigs:\n  inline: {content: "x=1"}\n  fromvar: {environment: CONF}\nsecrets:\n  token: {environment: TOKEN}\n';
  it('accepts content: and environment: in a versionless file', () => {
    expect(problems(text)).toEqual([]);
  });
  it('refuses them in a versioned one, like the CLI', () => {
    expect(problems(`version: "3.8"\n${text}`, V(8)).map(([, path]) => path)).toEqual(['configs.inline.content', 'configs.fromvar.environment', 'secrets.token.environment']);
  });
});

describe('types (CLI: "… must be a …")', () => {
  it.each([
    ['deploy: {replicas: "2"}', 'services.a.deploy.replicas', 'services.a.deploy.replicas must be an integer'],
    ['deploy: {replicas: 1.5}', 'services.a.deploy.replicas', 'services.a.deploy.replicas must be an integer'],
    ['deploy: {replicas: -1}', 'services.a.deploy.replicas', 'services.a.deploy.replicas must be 0 or more'],
    ['deploy: {update_config: {parallelism: -1}}', 'services.a.deploy.update_config.parallelism', 'services.a.deploy.update_config.parallelism must be 0 or more'],
    ['deploy: {update_config: {max_failure_ratio: "0.1"}}', 'services.a.deploy.update_config.max_failure_ratio', 'services.a.deploy.update_config.max_failure_ratio must be a number'],
    ['deploy: {resources: {limits: {memory: 1000}}}', 'services.a.deploy.resources.limits.memory', 'services.a.deploy.resources.limits.memory must be a string'],
    ['deploy: {resources: {limits: {cpus: 0.5}}}', 'services.a.deploy.resources.limits.cpus', 'services.a.deploy.resources.limits.cpus must be a string'],
    ['environment: {A: true}', 'services.a.environment.A', 'services.a.environment.A must be a string, number or null'],
    ['environment: {A: .inf}', 'services.a.environment.A', 'services.a.environment.A must be a finite number'],
    ['environment: [1]', 'services.a.environment[0]', 'services.a.environment[0] must be a string'],
    ['environment:', 'services.a.environment', 'services.a.environment must be a mapping or list'],
    ['command: 1', 'services.a.command', 'services.a.command must be a string or list'],
    ['command: [1]', 'services.a.command[0]', 'services.a.command[0] must be a string'],
    ['user: 1000', 'services.a.user', 'services.a.user must be a string'],
    ['read_only: "yes"', 'services.a.read_only', 'services.a.read_only must be a boolean'],
    ['init: "true"', 'services.a.init', 'services.a.init must be a boolean'],
    ['stop_grace_period: 5', 'services.a.stop_grace_period', 'services.a.stop_grace_period must be a string'],
    ['stop_grace_period: 1x', 'services.a.stop_grace_period', 'services.a.stop_grace_period is not a duration: "1x" (write it like 10s, 1m30s or 2h)'],
    ['healthcheck: {interval: 5}', 'services.a.healthcheck.interval', 'services.a.healthcheck.interval must be a string'],
    ['healthcheck: {retries: "3"}', 'services.a.healthcheck.retries', 'services.a.healthcheck.retries must be a number'],
    ['ports: [{target: "80"}]', 'services.a.ports[0].target', 'services.a.ports[0].target must be an integer'],
    ['ports: [{target: 80, published: "8080"}]', 'services.a.ports[0].published', 'services.a.ports[0].published must be an integer'],
    ['ports: [true]', 'services.a.ports[0]', 'services.a.ports[0] must be a number, string or mapping'],
    ['volumes: [{type: tmpfs, target: /x, tmpfs: {size: "1m"}}]', 'services.a.volumes[0].tmpfs.size', 'services.a.volumes[0].tmpfs.size must be an integer'],
    ['volumes: [{target: /x}]', 'services.a.volumes[0]', 'services.a.volumes[0]: type is required'],
    ['ulimits: {nofile: {soft: 1}}', 'services.a.ulimits.nofile', 'services.a.ulimits.nofile: hard is required'],
    ['secrets: [{source: s, mode: "0400"}]', 'services.a.secrets[0].mode', 'services.a.secrets[0].mode must be a number'],
    ['secrets: [{source: s, uid: 1}]', 'services.a.secrets[0].uid', 'services.a.secrets[0].uid must be a string'],
    ['deploy: {update_config: {order: bad}}', 'services.a.deploy.update_config.order', 'services.a.deploy.update_config.order must be one of the following: "start-first", "stop-first"'],
    ['networks: {n: [a]}', 'services.a.networks.n', 'services.a.networks.n must be a mapping'],
    ['dns: {a: b}', 'services.a.dns', 'services.a.dns must be a string or list'],
    ['logging: {options: {a: [1]}}', 'services.a.logging.options.a', 'services.a.logging.options.a must be a string, number or null'],
  ])('%s', (body, path, message) => {
    expect(inEnglish(serviceProblems(body))).toEqual([['error', path, message]]);
  });

  it('accepts the forms each field allows', () => {
    const body = [
      'environment: [A=1, B]',
      'labels: {a: 1, b: null}',
      'dns: 1.1.1.1',
      'dns_search: [a, b]',
      'env_file: x.env',
      'command: [a, b]',
      'entrypoint: a b',
      'networks: {n: , m: {aliases: [x]}}',
      'ports: [80, "81:81", {target: 82}]',
      'volumes: ["/x", {type: bind, source: /a, target: /b}]',
      'ulimits: {nofile: 1, nproc: {soft: 1, hard: 2}, NOFILE: 3}',
      'deploy: {replicas: 2.0, labels: [a=b], mode: global}',
      'healthcheck: {test: [CMD, x], retries: 1.5}',
      'extra_hosts: {a: 1.1.1.1}',
      'pid: null',
      'shm_size: 64',
    ].join('\n');
    expect(inEnglish(serviceProblems(body))).toEqual([]);
  });

  it('refuses the same item twice where the CLI wants unique items', () => {
    expect(inEnglish(serviceProblems('ports: ["80", "80"]\ncap_add: [A, A]\nenvironment: [A=1, A=1]'))).toEqual([
      ['error', 'services.a.ports[1]', 'services.a.ports has the same item twice ([0] and [1])'],
      ['error', 'services.a.cap_add[1]', 'services.a.cap_add has the same item twice ([0] and [1])'],
      ['error', 'services.a.environment[1]', 'services.a.environment has the same item twice ([0] and [1])'],
    ]);
  });

  it('refuses names outside [a-zA-Z0-9._-] in every section', () => {
    expect(problems('services:\n  "a@": {image: x}\nvolumes:\n  "v@": {}\nnetworks:\n  "n n": {}\n')).toEqual([
      ['error', 'services.a@', 'services: "a@" is not a valid name (use letters, digits, ".", "_" and "-")'],
      ['error', 'volumes.v@', 'volumes: "v@" is not a valid name (use letters, digits, ".", "_" and "-")'],
      ['error', 'networks.n n', 'networks: "n n" is not a valid name (use letters, digits, ".", "_" and "-")'],
    ]);
  });

  it('refuses a service that is not a mapping, and a null secret (CLI: "must be a mapping")', () => {
    expect(problems('services:\n  a:\n')).toEqual([['error', 'services.a', 'services.a must be a mapping']]);
    expect(problems('services:\n  a: {image: x}\nsecrets:\n  s:\n')).toEqual([['error', 'secrets.s', 'secrets.s must be a mapping']]);
    expect(problems('services:\n  a: {image: x, deploy: }\nnetworks:\n  n:\nvolumes:\n  v:\n')).toEqual([]);
  });
});
