// Service specs field by field, short and long syntax. Unless a test says otherwise, the expected
// values are what docker stack deploy 28.2 sent for the same input (see the fixtures' recordings).
import { describe, expect, it } from 'vitest';
import { problemText } from '@/lib/services/stacks/compose/compose-path.ts';
import { translateStack, type StackFiles } from '@/lib/services/stacks/compose/translate-stack.ts';
import type { ServiceSpec } from '@/lib/services/stacks/compose/types.ts';

type Options = { variables?: Record<string, string>; files?: StackFiles; stackName?: string };

function translate(composeText: string, options: Options = {}) {
  return translateStack({ stackName: options.stackName ?? 'st', composeText, variables: options.variables ?? {}, files: options.files ?? {} });
}

/** The spec of service `name` (default: the only one), failing the test on any error. */
function spec(composeText: string, options: Options = {}, name?: string): ServiceSpec {
  const { stack, problems } = translate(composeText, options);
  expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  const services = stack?.services ?? [];
  const found = name ? services.find((s) => s.name === `st_${name}`) : services[0];
  if (!found) throw new Error('no service');
  return found.spec;
}

/** One service "web" with `body` (YAML lines, indented under it). */
const web = (body: string, rest = '') => `services:\n  web:\n    image: nginx\n${body.split('\n').map((l) => `    ${l}`).join('\n')}\n${rest}`;
const container = (body: string, rest = '', options: Options = {}) => spec(web(body, rest), options).TaskTemplate.ContainerSpec;
const errors = (composeText: string, options: Options = {}) =>
  translate(composeText, options)
    .problems.filter((p) => p.severity === 'error')
    .map((p) => [p.path, problemText(p)]);
const warnings = (composeText: string, options: Options = {}) =>
  translate(composeText, options)
    .problems.filter((p) => p.severity === 'warning')
    .map((p) => [p.path, problemText(p)]);

describe('image and labels', () => {
  it('sends the image as the CLI normalises it, and keeps the text from the file in com.docker.stack.image', () => {
    const s = spec('services:\n  web:\n    image: docker.io/library/nginx\n');
    expect(s.TaskTemplate.ContainerSpec.Image).toBe('nginx:latest');
    expect(s.Labels['com.docker.stack.image']).toBe('docker.io/library/nginx');
  });

  it('puts labels on the container and deploy.labels on the service, both with the namespace label', () => {
    const s = spec(web('labels: {tier: web, n: 1}\ndeploy:\n  labels: [team=core, solo]'));
    expect(s.TaskTemplate.ContainerSpec.Labels).toEqual({ tier: 'web', n: '1', 'com.docker.stack.namespace': 'st' });
    expect(s.Labels).toEqual({ team: 'core', solo: '', 'com.docker.stack.namespace': 'st', 'com.docker.stack.image': 'nginx' });
  });

  it('lets the stack label win over a label of the same name in the file, as the CLI does', () => {
    expect(container('labels: [com.docker.stack.namespace=mine]').Labels).toEqual({ 'com.docker.stack.namespace': 'st' });
  });

  it('refuses a missing or malformed image with the CLI\'s message', () => {
    expect(errors('services:\n  web:\n    hostname: x\n')).toEqual([['services.web', 'invalid image reference for service web: no image specified']]);
    expect(errors('services:\n  web:\n    image: NGINX\n')).toEqual([['services.web.image', 'invalid image reference for service web: invalid reference format: repository name (library/NGINX) must be lowercase']]);
  });
});

describe('command and entrypoint', () => {
  it('maps entrypoint to Command and command to Args', () => {
    const c = container('entrypoint: ["/entry.sh"]\ncommand: ["run", "--port", "80"]');
    expect(c.Command).toEqual(['/entry.sh']);
    expect(c.Args).toEqual(['run', '--port', '80']);
  });

  it('splits a string like a shell (google/shlex), comments and quotes included', () => {
    expect(container(`command: echo "a b" 'c d' e\\ f "g\\"h" # comment`).Args).toEqual(['echo', 'a b', 'c d', 'e f', 'g"h']);
    expect(container('entrypoint: sh -c "echo $$HOME"').Command).toEqual(['sh', '-c', 'echo $HOME']);
  });

  it('sends nothing for an empty command', () => {
    const c = container('command: ""\nentrypoint: []');
    expect(c).not.toHaveProperty('Args');
    expect(c).not.toHaveProperty('Command');
  });

  it('reports an unclosed quote', () => {
    expect(errors(web('command: echo "unclosed'))).toEqual([['services.web.command', 'command: EOF found when expecting closing quote']]);
  });
});

describe('environment and env_file', () => {
  it('takes a list or a mapping, sorted, with a bare name sent bare', () => {
    expect(container('environment: [B=2, A=1, EMPTY=, BARE]').Env).toEqual(['A=1', 'B=2', 'BARE', 'EMPTY=']);
    expect(container('environment: {B: 2, A: "x=y", F: 1.50, N: null}').Env).toEqual(['A=x=y', 'B=2', 'F=1.5', 'N']);
  });

  it('fills empty and bare values from the stack variables, as the CLI does from its environment', () => {
    expect(container('environment: [SET=, BARE, KEEP=mine, UNSET=]', '', { variables: { SET: 's', BARE: 'b', KEEP: 'v' } }).Env).toEqual(['BARE=b', 'KEEP=mine', 'SET=s', 'UNSET=']);
  });

  it('reads env files kept with the stack, later files and then environment winning', () => {
    const files = { 'base.env': 'A=base\nB=base\n# comment\n', 'conf/extra.env': 'B=extra\nC=extra\nFROM_VARS\n' };
    const c = container('env_file: [base.env, ./conf/extra.env]\nenvironment: {C: compose}', '', { files, variables: { FROM_VARS: 'v' } });
    expect(c.Env).toEqual(['A=base', 'B=extra', 'C=compose', 'FROM_VARS=v']);
  });

  it('refuses env files outside the stack\'s files, or missing', () => {
    expect(errors(web('env_file: ../outside.env'))).toEqual([['services.web.env_file', 'service web: env_file "../outside.env": ".." is not allowed: the file must be kept with the stack']]);
    expect(errors(web('env_file: [ok.env, /etc/passwd]'), { files: { 'ok.env': 'A=1' } })).toEqual([
      ['services.web.env_file[1]', 'service web: env_file "/etc/passwd": absolute paths are not allowed: name a file kept with the stack'],
    ]);
    expect(errors(web('env_file: missing.env'))).toEqual([['services.web.env_file', 'service web: env_file: no file "missing.env" is kept with the stack']]);
    expect(errors(web('env_file: bad.env'), { files: { 'bad.env': 'A B=1\n' } })).toEqual([['services.web.env_file', "service web: env_file bad.env: poorly formatted environment: variable 'A B' has white spaces (line 1)"]]);
  });
});

describe('ports', () => {
  it('maps short and long syntax, sorted by published port like the CLI', () => {
    const s = spec(web('ports:\n  - "9090:9090/udp"\n  - 3000\n  - target: 443\n    published: 8443\n    protocol: tcp\n    mode: host\n  - "8000-8001:80-81"'));
    expect(s.EndpointSpec).toEqual({
      Ports: [
        { Protocol: 'tcp', TargetPort: 3000, PublishMode: 'ingress' },
        { Protocol: 'tcp', TargetPort: 80, PublishedPort: 8000, PublishMode: 'ingress' },
        { Protocol: 'tcp', TargetPort: 81, PublishedPort: 8001, PublishMode: 'ingress' },
        { Protocol: 'tcp', TargetPort: 443, PublishedPort: 8443, PublishMode: 'host' },
        { Protocol: 'udp', TargetPort: 9090, PublishedPort: 9090, PublishMode: 'ingress' },
      ],
    });
  });

  it('sends the long syntax as written, with no protocol or mode filled in', () => {
    expect(spec(web('ports: [{target: 80, published: 8089, mode: host}]')).EndpointSpec.Ports).toEqual([{ TargetPort: 80, PublishedPort: 8089, PublishMode: 'host' }]);
  });

  it('keeps the file order among equal published ports (udp and tcp on 53)', () => {
    expect(spec(web('ports: ["53:53/udp", "53:53"]')).EndpointSpec.Ports).toEqual([
      { Protocol: 'udp', TargetPort: 53, PublishedPort: 53, PublishMode: 'ingress' },
      { Protocol: 'tcp', TargetPort: 53, PublishedPort: 53, PublishMode: 'ingress' },
    ]);
  });

  it('warns that a host IP is ignored, as the CLI logs', () => {
    expect(warnings(web('ports: ["127.0.0.1:80:80"]'))).toEqual([['services.web.ports[0]', 'ignoring IP-address (127.0.0.1:80:80): a swarm service listens on every address']]);
  });

  it('refuses malformed ports, modes and protocols', () => {
    expect(errors(web('ports: ["80-81:90-95", {target: 1, mode: bridge}, {target: 1, protocol: icmp}, {target: 70000}]'))).toEqual([
      ['services.web.ports[0]', 'service web: ports: invalid ranges specified for container and host Ports: 90-95 and 80-81'],
      ['services.web.ports[1].mode', 'service web: port mode must be "ingress" or "host", not "bridge"'],
      ['services.web.ports[2].protocol', 'service web: port protocol must be tcp, udp or sctp, not "icmp"'],
      ['services.web.ports[3].target', 'service web: target port 70000 is out of range (0 to 65535)'],
    ]);
  });
});

describe('networks', () => {
  it('attaches a service with no networks to <stack>_default, with its name as alias', () => {
    expect(spec(web('')).TaskTemplate.Networks).toEqual([{ Target: 'st_default', Aliases: ['web'] }]);
  });

  it('targets stack networks by their <stack>_ name, aliases first then the service name, sorted by target', () => {
    const s = spec(web('networks:\n  front:\n    aliases: [www, site]\n  back:', 'networks:\n  front:\n  back:\n'));
    expect(s.TaskTemplate.Networks).toEqual([
      { Target: 'st_back', Aliases: ['web'] },
      { Target: 'st_front', Aliases: ['www', 'site', 'web'] },
    ]);
  });

  it('targets external networks by name, and adds no alias on host-like networks', () => {
    const s = spec(web('networks: [outside, hostnet, default]', 'networks:\n  outside: {external: true, name: shared}\n  hostnet: {external: {name: host}}\n'));
    expect(s.TaskTemplate.Networks).toEqual([{ Target: 'host' }, { Target: 'shared', Aliases: ['web'] }, { Target: 'st_default', Aliases: ['web'] }]);
  });

  it('passes driver_opts and ignores fixed addresses with a warning', () => {
    const text = web('networks:\n  front:\n    driver_opts: {com.example.mtu: 1400}\n    ipv4_address: 10.0.0.5', 'networks:\n  front:\n');
    expect(spec(text).TaskTemplate.Networks).toEqual([{ Target: 'st_front', Aliases: ['web'], DriverOpts: { 'com.example.mtu': '1400' } }]);
    expect(warnings(text)).toEqual([['services.web.networks.front.ipv4_address', 'ipv4_address is ignored: swarm assigns service addresses itself']]);
  });

  it('refuses an undefined network in the CLI\'s words', () => {
    expect(errors(web('networks: [front, nope]', 'networks:\n  front:\n'))).toEqual([['services.web.networks[1]', 'service web: undefined network "nope"']]);
  });
});

describe('volumes', () => {
  const volumes = 'volumes:\n  data:\n    driver: local\n    driver_opts: {type: none, device: /srv/data, o: bind}\n    labels: [x=y]\n  ext:\n    external: true\n  named:\n    name: custom-name\n';

  it('mounts a named volume as <stack>_<name> with the namespace label and its driver', () => {
    expect(container('volumes: ["data:/var/lib/data:ro"]', volumes).Mounts).toEqual([
      {
        Type: 'volume',
        Source: 'st_data',
        Target: '/var/lib/data',
        ReadOnly: true,
        VolumeOptions: { Labels: { x: 'y', 'com.docker.stack.namespace': 'st' }, DriverConfig: { Name: 'local', Options: { type: 'none', device: '/srv/data', o: 'bind' } } },
      },
    ]);
  });

  it('mounts external and renamed volumes by their name, external ones without labels', () => {
    expect(container('volumes: ["ext:/e", "named:/n"]', volumes).Mounts).toEqual([
      { Type: 'volume', Source: 'ext', Target: '/e', VolumeOptions: {} },
      { Type: 'volume', Source: 'custom-name', Target: '/n', VolumeOptions: { Labels: { 'com.docker.stack.namespace': 'st' } } },
    ]);
  });

  it('maps nocopy and subpath in the long syntax, and nocopy in the short one', () => {
    expect(container('volumes:\n  - data:/a:nocopy\n  - type: volume\n    source: data\n    target: /b\n    volume: {nocopy: true, subpath: sub}', volumes).Mounts?.map((m) => m.VolumeOptions)).toEqual([
      expect.objectContaining({ NoCopy: true }),
      expect.objectContaining({ NoCopy: true, Subpath: 'sub' }),
    ]);
  });

  it('mounts anonymous volumes, absolute binds and tmpfs', () => {
    expect(container('volumes:\n  - /anon\n  - /host:/ctr:rshared\n  - type: bind\n    source: /etc/hosts\n    target: /hosts\n    read_only: true\n    consistency: cached\n  - type: tmpfs\n    target: /cache\n    tmpfs: {size: 10000}').Mounts).toEqual([
      { Type: 'volume', Target: '/anon' },
      { Type: 'bind', Source: '/host', Target: '/ctr', BindOptions: { Propagation: 'rshared' } },
      { Type: 'bind', Source: '/etc/hosts', Target: '/hosts', ReadOnly: true, Consistency: 'cached' },
      { Type: 'tmpfs', Target: '/cache', TmpfsOptions: { SizeBytes: 10000 } },
    ]);
  });

  it('reads a one-letter name before ":" as a Windows drive, like the CLI, and warns (CLI: "v:/x" is an anonymous volume at "v:/x")', () => {
    const text = web('volumes: ["v:/x"]', 'volumes:\n  v:\n');
    expect(spec(text).TaskTemplate.ContainerSpec.Mounts).toEqual([{ Type: 'volume', Target: 'v:/x' }]);
    expect(warnings(text)).toEqual([['services.web.volumes[0]', '"v:/x" is read as a Windows drive path, as docker stack deploy reads it, not as volume "v": give the volume a longer name']]);
  });

  it('refuses relative bind sources: a stack deployed by Wharf has no folder to resolve them against (the CLI uses the compose file\'s folder)', () => {
    const message = (source: string) => `service web: the bind mount source "${source}" is a relative path. A stack deployed by Wharf has no folder on the host to resolve it against: give an absolute path on the nodes`;
    expect(errors(web('volumes: ["./data:/data", "~/cache:/cache", {type: bind, source: ../x, target: /x}]'))).toEqual([
      ['services.web.volumes[0]', message('./data')],
      ['services.web.volumes[1]', message('~/cache')],
      ['services.web.volumes[2]', message('../x')],
    ]);
  });

  it('refuses undefined volumes and options that do not fit the type, in the CLI\'s words', () => {
    expect(
      errors(
        web('volumes:\n  - nope:/x\n  - {type: tmpfs, source: a, target: /t}\n  - {type: bind, target: /b}\n  - {type: bind, source: /a, target: /b, volume: {nocopy: true}}\n  - {type: volume, target: /c, tmpfs: {size: 1}}\n  - {type: weird, target: /w}\n  - /h:/c:nocopy'),
      ),
    ).toEqual([
      ['services.web.volumes[0]', 'service web: undefined volume "nope"'],
      ['services.web.volumes[1]', 'service web: invalid tmpfs source, source must be empty'],
      ['services.web.volumes[2]', 'service web: invalid mount config for type "bind": field Source must not be empty'],
      ['services.web.volumes[3]', 'service web: volume options are incompatible with type bind'],
      ['services.web.volumes[4]', 'service web: tmpfs options are incompatible with type volume'],
      ['services.web.volumes[5]', 'service web: volume type must be volume, bind, tmpfs, npipe, or cluster'],
      ['services.web.volumes[6]', 'service web: volume options are incompatible with type bind'],
    ]);
  });
});

describe('secrets and configs', () => {
  const rest = 'secrets:\n  app: {file: ./secret.txt}\n  ext: {external: true}\n  renamed: {file: secret.txt, name: my-secret}\nconfigs:\n  conf: {file: conf/app.conf}\n  extconf: {external: {name: shared-conf}}\n';
  const files = { 'secret.txt': 's3cret\n', 'conf/app.conf': 'x=1\n' };

  it('defaults the target to the source name, owner root and mode 0444; sorts by name', () => {
    const c = container('secrets: [app, ext]\nconfigs: [conf]', rest, { files });
    expect(c.Secrets).toEqual([
      { File: { Name: 'ext', UID: '0', GID: '0', Mode: 0o444 }, SecretName: 'ext' },
      { File: { Name: 'app', UID: '0', GID: '0', Mode: 0o444 }, SecretName: 'st_app' },
    ]);
    expect(c.Configs).toEqual([{ File: { Name: 'conf', UID: '0', GID: '0', Mode: 0o444 }, ConfigName: 'st_conf' }]);
  });

  it('takes target, uid, gid and mode from the long syntax, and the name from name: or external.name', () => {
    const c = container('secrets:\n  - {source: renamed, target: /run/x, uid: "103", gid: "104", mode: 0440}\nconfigs:\n  - {source: extconf, target: /etc/app.conf, mode: 0400}', rest, { files });
    expect(c.Secrets).toEqual([{ File: { Name: '/run/x', UID: '103', GID: '104', Mode: 0o440 }, SecretName: 'my-secret' }]);
    expect(c.Configs).toEqual([{ File: { Name: '/etc/app.conf', UID: '0', GID: '0', Mode: 0o400 }, ConfigName: 'shared-conf' }]);
  });

  it('refuses undefined references in the CLI\'s words ("service db: undefined secret "my-pass"")', () => {
    expect(errors('services:\n  db:\n    image: mysql\n    secrets: [my-pass]\n    configs: [{source: nope}]\n')).toEqual([
      ['services.db.secrets[0]', 'service db: undefined secret "my-pass"'],
      ['services.db.configs[0]', 'service db: undefined config "nope"'],
    ]);
  });

  it('refuses two references with the same target, as the CLI does', () => {
    expect(errors(web('secrets: [{source: app, target: t}, {source: ext, target: t}]', rest), { files })).toEqual([['services.web.secrets[1]', 'service web: duplicate secret target for ext not allowed']]);
  });
});

describe('healthcheck', () => {
  it('runs a string test through the shell (CMD-SHELL), keeps a list as written, durations in ns', () => {
    expect(container('healthcheck:\n  test: curl -f http://localhost\n  interval: 1m30s\n  timeout: 10s\n  retries: 3\n  start_period: 40s\n  start_interval: 5s').Healthcheck).toEqual({
      Test: ['CMD-SHELL', 'curl -f http://localhost'],
      Interval: 90e9,
      Timeout: 10e9,
      StartPeriod: 40e9,
      StartInterval: 5e9,
      Retries: 3,
    });
    expect(container('healthcheck: {test: [CMD, curl, -f, http://localhost]}').Healthcheck).toEqual({ Test: ['CMD', 'curl', '-f', 'http://localhost'] });
  });

  it('turns the image\'s healthcheck off with disable or ["NONE"]; a "NONE" string is a shell command (CLI)', () => {
    expect(container('healthcheck: {disable: true}').Healthcheck).toEqual({ Test: ['NONE'] });
    expect(container('healthcheck: {test: [NONE]}').Healthcheck).toEqual({ Test: ['NONE'] });
    expect(container('healthcheck: {test: NONE}').Healthcheck).toEqual({ Test: ['CMD-SHELL', 'NONE'] });
  });

  it('refuses a test together with disable', () => {
    expect(errors(web('healthcheck: {disable: true, test: [CMD, x]}'))).toEqual([['services.web.healthcheck', "service web: test and disable can't be set at the same time"]]);
  });
});

describe('deploy', () => {
  it('replicates once by default (leaving Replicas to the engine), or as many times as asked, 0 included', () => {
    expect(spec(web('')).Mode).toEqual({ Replicated: {} });
    expect(spec(web('deploy: {replicas: 0}')).Mode).toEqual({ Replicated: { Replicas: 0 } });
    expect(spec(web('deploy: {mode: replicated, replicas: 3}')).Mode).toEqual({ Replicated: { Replicas: 3 } });
  });

  it('maps global and the job modes', () => {
    expect(spec(web('deploy: {mode: global}')).Mode).toEqual({ Global: {} });
    expect(spec(web('deploy: {mode: global-job}')).Mode).toEqual({ GlobalJob: {} });
    expect(spec(web('deploy: {mode: replicated-job, replicas: 4}')).Mode).toEqual({ ReplicatedJob: { MaxConcurrent: 4, TotalCompletions: 4 } });
  });

  it('refuses replicas with a global mode, and unknown modes', () => {
    expect(errors(web('deploy: {mode: global, replicas: 2}'))).toEqual([['services.web.deploy.replicas', 'service web: replicas can only be used with replicated or replicated-job mode']]);
    expect(errors(web('deploy: {mode: daemonset}'))).toEqual([['services.web.deploy.mode', 'service web: unknown mode "daemonset" (use replicated, global, replicated-job, global-job)']]);
  });

  it('maps placement: constraints, spread preferences, max replicas per node', () => {
    expect(spec(web('deploy:\n  placement:\n    constraints: [node.role == worker]\n    preferences: [{spread: node.labels.zone}]\n    max_replicas_per_node: 2')).TaskTemplate.Placement).toEqual({
      Constraints: ['node.role == worker'],
      Preferences: [{ Spread: { SpreadDescriptor: 'node.labels.zone' } }],
      MaxReplicas: 2,
    });
  });

  it('maps resources to nano-CPUs and bytes; an empty limits: is still sent', () => {
    expect(spec(web('deploy:\n  resources:\n    limits: {cpus: "0.50", memory: 50M, pids: 100}\n    reservations: {cpus: "0.25", memory: 20M, generic_resources: [{discrete_resource_spec: {kind: gpu, value: 2}}]}')).TaskTemplate.Resources).toEqual({
      Limits: { NanoCPUs: 5e8, MemoryBytes: 52428800, Pids: 100 },
      Reservations: { NanoCPUs: 2.5e8, MemoryBytes: 20971520, GenericResources: [{ DiscreteResourceSpec: { Kind: 'gpu', Value: 2 } }] },
    });
    expect(spec(web('deploy: {resources: {limits: {}}}')).TaskTemplate.Resources).toEqual({ Limits: {} });
    expect(spec(web('')).TaskTemplate.Resources).toEqual({});
  });

  it('refuses CPU counts finer than a nano-CPU and bad memory sizes, in the CLI\'s words', () => {
    expect(errors(web('deploy: {resources: {limits: {cpus: "1/3", memory: 12q}}}'))).toEqual([
      ['services.web.deploy.resources.limits.cpus', 'service web: value is too precise'],
      ['services.web.deploy.resources.limits.memory', "service web: memory: invalid suffix: 'q'"],
    ]);
  });

  it('maps restart_policy, durations in nanoseconds', () => {
    expect(spec(web('deploy:\n  restart_policy: {condition: on-failure, delay: 5s, max_attempts: 3, window: 2m}')).TaskTemplate.RestartPolicy).toEqual({
      Condition: 'on-failure',
      Delay: 5e9,
      MaxAttempts: 3,
      Window: 120e9,
    });
    expect(errors(web('deploy: {restart_policy: {condition: sometimes}}'))).toEqual([['services.web.deploy.restart_policy.condition', 'service web: restart_policy.condition must be none, on-failure, any, not "sometimes"']]);
  });

  it('falls back to restart: like the CLI 28.2 (a count only for on-failure)', () => {
    const policy = (restart: string) => spec(web(`restart: "${restart}"`)).TaskTemplate.RestartPolicy;
    expect(policy('always')).toEqual({ Condition: 'any' });
    expect(policy('unless-stopped')).toEqual({ Condition: 'any' });
    expect(policy('on-failure')).toEqual({ Condition: 'on-failure', MaxAttempts: 0 });
    expect(policy('on-failure:3')).toEqual({ Condition: 'on-failure', MaxAttempts: 3 });
    expect(policy('no')).toBeUndefined();
    expect(errors(web('restart: sometimes'))).toEqual([['services.web.restart', 'service web: unknown restart policy: sometimes']]);
  });

  it('ignores restart: next to deploy.restart_policy, with a warning', () => {
    const text = web('restart: always\ndeploy: {restart_policy: {condition: none}}');
    expect(spec(text).TaskTemplate.RestartPolicy).toEqual({ Condition: 'none' });
    expect(warnings(text)).toEqual([['services.web.restart', '"restart" is ignored: deploy.restart_policy takes precedence']]);
  });

  it('maps update_config and rollback_config, parallelism defaulting to 1, order and failure_action as written', () => {
    const s = spec(web('deploy:\n  update_config: {parallelism: 2, delay: 10s, failure_action: rollback, monitor: 60s, max_failure_ratio: 0.3, order: start-first}\n  rollback_config: {order: stop-first}'));
    expect(s.UpdateConfig).toEqual({ Parallelism: 2, Delay: 10e9, FailureAction: 'rollback', Monitor: 60e9, MaxFailureRatio: 0.3, Order: 'start-first' });
    expect(s.RollbackConfig).toEqual({ Parallelism: 1, MaxFailureRatio: 0, Order: 'stop-first' });
    expect(spec(web('')).UpdateConfig).toBeUndefined();
  });

  it('sends max_failure_ratio as Go prints a float32', () => {
    expect(spec(web('deploy: {update_config: {max_failure_ratio: 0.123456789}}')).UpdateConfig?.MaxFailureRatio).toBe(0.12345679);
  });

  it('refuses failure actions the engine refuses', () => {
    expect(errors(web('deploy: {update_config: {failure_action: retry}, rollback_config: {failure_action: rollback}}'))).toEqual([
      ['services.web.deploy.update_config.failure_action', 'service web: update_config.failure_action must be pause, continue, rollback, not "retry"'],
      ['services.web.deploy.rollback_config.failure_action', 'service web: rollback_config.failure_action must be pause, continue, not "rollback"'],
    ]);
  });

  it('lower-cases endpoint_mode (vip or dnsrr)', () => {
    expect(spec(web('deploy: {endpoint_mode: DNSRR}')).EndpointSpec).toEqual({ Mode: 'dnsrr' });
    expect(spec(web('deploy: {endpoint_mode: vip}')).EndpointSpec).toEqual({ Mode: 'vip' });
    expect(errors(web('deploy: {endpoint_mode: round-robin}'))).toEqual([['services.web.deploy.endpoint_mode', 'service web: endpoint_mode must be vip or dnsrr, not "round-robin"']]);
  });
});

describe('container settings', () => {
  it('maps user, working_dir, hostname, stop settings, init and the boolean switches', () => {
    const c = container('user: "1000:1000"\nworking_dir: /srv\nhostname: web-1\nstop_grace_period: 1m30s\nstop_signal: SIGQUIT\ninit: true\nread_only: true\ntty: true\nstdin_open: true\nisolation: default');
    expect(c).toMatchObject({ User: '1000:1000', Dir: '/srv', Hostname: 'web-1', StopGracePeriod: 90e9, StopSignal: 'SIGQUIT', Init: true, ReadOnly: true, TTY: true, OpenStdin: true, Isolation: 'default' });
  });

  it('sends init: false and a zero grace period, since they were written', () => {
    expect(container('init: false\nstop_grace_period: 0s')).toMatchObject({ Init: false, StopGracePeriod: 0 });
    expect(container('tty: false')).not.toHaveProperty('TTY');
  });

  it('normalises capabilities like the CLI: CAP_ prefix, upper case, ALL wins, adding beats dropping', () => {
    expect(container('cap_add: [net_admin, CAP_CHOWN]\ncap_drop: [NET_ADMIN, mknod]')).toMatchObject({ CapabilityAdd: ['CAP_CHOWN', 'CAP_NET_ADMIN'], CapabilityDrop: ['CAP_MKNOD'] });
    expect(container('cap_add: [ALL, net_admin]\ncap_drop: [all]')).toMatchObject({ CapabilityAdd: ['ALL'] });
    expect(container('cap_add: [ALL, net_admin]\ncap_drop: [all]')).not.toHaveProperty('CapabilityDrop');
  });

  it('maps ulimits, a single number setting both soft and hard, sorted by name', () => {
    expect(container('ulimits:\n  nproc: 65535\n  nofile: {soft: 20000, hard: 40000}').Ulimits).toEqual([
      { Name: 'nofile', Hard: 40000, Soft: 20000 },
      { Name: 'nproc', Hard: 65535, Soft: 65535 },
    ]);
  });

  it('maps logging, options as strings', () => {
    expect(spec(web('logging: {driver: json-file, options: {max-size: 10m, max-file: 3}}')).TaskTemplate.LogDriver).toEqual({ Name: 'json-file', Options: { 'max-size': '10m', 'max-file': '3' } });
    expect(spec(web('logging: {options: {max-size: 1m}}')).TaskTemplate.LogDriver).toEqual({ Options: { 'max-size': '1m' } });
  });

  it('maps extra_hosts (list with : or =, or mapping) to swarm\'s "ip host" lines', () => {
    expect(container('extra_hosts: ["somehost:162.242.195.82", "other=50.31.209.229", "v6:[::1]"]').Hosts).toEqual(['162.242.195.82 somehost', '50.31.209.229 other', '::1 v6']);
    expect(container('extra_hosts: {h: 1.1.1.1, g: "::1"}').Hosts).toEqual(['::1 g', '1.1.1.1 h']);
  });

  it('maps dns and dns_search, each a string or a list', () => {
    expect(container('dns: 8.8.8.8\ndns_search: [a.example, b.example]').DNSConfig).toEqual({ Nameservers: ['8.8.8.8'], Search: ['a.example', 'b.example'] });
    expect(container('dns_search: corp.example').DNSConfig).toEqual({ Search: ['corp.example'] });
  });

  it('maps sysctls from a list or a mapping, values as strings', () => {
    expect(container('sysctls: {net.core.somaxconn: 1024, net.ipv4.tcp_syncookies: 0}').Sysctls).toEqual({ 'net.core.somaxconn': '1024', 'net.ipv4.tcp_syncookies': '0' });
    expect(container('sysctls: [net.core.somaxconn=1024]').Sysctls).toEqual({ 'net.core.somaxconn': '1024' });
  });

  it('sends a credential spec with all three fields, refusing two at once and config (not supported yet)', () => {
    expect(container('credential_spec: {registry: foo}').Privileges).toEqual({ CredentialSpec: { Config: '', File: '', Registry: 'foo' }, SELinuxContext: null, NoNewPrivileges: false });
    expect(errors(web('credential_spec: {file: a, registry: b}'))).toEqual([['services.web.credential_spec', 'service web: invalid credential spec: cannot specify both "File" and "Registry"']]);
    expect(errors(web('credential_spec: {config: c}', 'configs:\n  c: {external: true}\n'))).toEqual([['services.web.credential_spec.config', 'service web: credential_spec.config is not supported by Wharf yet: use file or registry']]);
  });
});

describe('keys swarm ignores', () => {
  it.each([
    ['build: .', 'build', 'images are not built when deploying to a swarm; the service runs `image`'],
    ['container_name: x', 'container_name', 'Setting the container name is not supported.'],
    ['depends_on: [db]', 'depends_on', 'swarm starts services in no particular order'],
    ['links: [db]', 'links', 'services on the same network reach each other by name'],
    ['network_mode: host', 'network_mode', 'swarm services attach to networks (use `networks:`)'],
    ['devices: [/dev/fuse]', 'devices', 'swarm services cannot use host devices'],
    ['cgroup_parent: x', 'cgroup_parent', 'swarm services cannot set it'],
    ['privileged: true', 'privileged', 'swarm services cannot run privileged'],
    ['expose: ["80"]', 'expose', "Exposing ports is unnecessary - services on the same network can access each other's containers on any port."],
    ['tmpfs: /run', 'tmpfs', 'docker stack deploy does not pass it on; mount a volume of type tmpfs instead'],
    ['oom_score_adj: 100', 'oom_score_adj', 'docker stack deploy 28 does not pass it on'],
    ['security_opt: [label=disable]', 'security_opt', 'swarm services cannot set it'],
    ['shm_size: 64m', 'shm_size', 'swarm services cannot set it'],
    ['pid: host', 'pid', 'swarm services cannot set it'],
  ])('%s is a warning, and the stack still translates', (body, key, why) => {
    const text = web(body);
    expect(warnings(text)).toEqual([[`services.web.${key}`, `"${key}" is ignored: ${why}`]]);
    expect(spec(text).Name).toBe('st_web');
  });

  it('refuses what the CLI forbids, with its reasons', () => {
    expect(errors(web('volumes_from: [db]\nmem_limit: 1g'))).toEqual([
      ['services.web.volumes_from', '"volumes_from" is not supported by docker stack deploy: To share a volume between services, define it using the top-level `volumes` option and reference it from each service that shares it using the service-level `volumes` option.'],
      ['services.web.mem_limit', '"mem_limit" is not supported by docker stack deploy: Set resource limits using deploy.resources'],
    ]);
  });
});
