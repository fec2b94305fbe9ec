// One container of a service as Compose v2 creates it, and the hash that decides recreation.
import { describe, expect, it } from 'vitest';
import { configHash, createBody, extraNetworks } from './container-body.ts';
import { readProject } from './read-project.ts';

const projectOf = (composeText: string, variables: Record<string, string> = {}) => {
  const { project, problems } = readProject({ projectName: 'shop', composeText, variables, files: {} });
  if (!project) throw new Error(JSON.stringify(problems));
  return project;
};

const FILE = [
  'services:',
  '  web:',
  '    image: local/busybox:latest',
  '    command: ["httpd", "-f"]',
  '    ports: ["8080:80"]',
  '    labels: {tier: front}',
  '    volumes: ["data:/data", "/srv:/srv:ro"]',
  '    networks: {front: {aliases: [www]}, back: {}}',
  '    restart: unless-stopped',
  '    depends_on: {db: {condition: service_healthy}}',
  '  db: {image: local/busybox:latest}',
  'networks: {front: {}, back: {}}',
  'volumes: {data: {}}',
].join('\n');

describe('createBody', () => {
  it('names, labels and wires a container as Compose v2 does', () => {
    const project = projectOf(FILE);
    const web = project.services[0];
    const body = createBody({ project, service: web, number: 2, hash: 'h' });
    expect(body).toEqual({
      Image: 'local/busybox:latest',
      Cmd: ['httpd', '-f'],
      Env: [],
      Labels: {
        tier: 'front',
        'com.docker.compose.config-hash': 'h',
        'com.docker.compose.container-number': '2',
        'com.docker.compose.depends_on': 'db:service_healthy:false',
        'com.docker.compose.oneoff': 'False',
        'com.docker.compose.project': 'shop',
        'com.docker.compose.project.config_files': '/wharf/projects/shop/compose.yaml',
        'com.docker.compose.project.working_dir': '/wharf/projects/shop',
        'com.docker.compose.service': 'web',
        'com.docker.compose.version': '2.0.0+wharf',
      },
      Tty: false,
      OpenStdin: false,
      AttachStdin: false,
      ExposedPorts: { '80/tcp': {} },
      HostConfig: {
        NetworkMode: 'shop_back',
        RestartPolicy: { Name: 'unless-stopped', MaximumRetryCount: 0 },
        PortBindings: { '80/tcp': [{ HostIp: '', HostPort: '8080' }] },
        Binds: ['/srv:/srv:ro'],
        Mounts: [{ Type: 'volume', Source: 'shop_data', Target: '/data' }],
      },
      // The networks by key, as Compose joins them: back first (the network mode), then front.
      NetworkingConfig: { EndpointsConfig: { shop_back: { Aliases: ['shop-web-2', 'web'] } } },
    });
    expect(extraNetworks({ project, service: web, number: 2, hash: 'h' })).toEqual([{ name: 'shop_front', aliases: ['shop-web-2', 'web', 'www'] }]);
  });

  it('network_mode: service:x joins the namespace of that service’s container; host stays host', () => {
    const project = projectOf('services:\n  a: {image: x}\n  b: {image: x, network_mode: "service:a"}\n  c: {image: x, network_mode: host}\n');
    const [, b, c] = project.services;
    expect(createBody({ project, service: b, number: 1, hash: 'h', serviceContainer: (s) => (s === 'a' ? 'abc123' : undefined) }).HostConfig.NetworkMode).toBe('container:abc123');
    expect(createBody({ project, service: c, number: 1, hash: 'h' })).toMatchObject({ HostConfig: { NetworkMode: 'host', PortBindings: {} } });
    expect(createBody({ project, service: c, number: 1, hash: 'h' }).NetworkingConfig).toBeUndefined();
  });
});

describe('configHash', () => {
  it('is the same for the same service, whatever the order of keys in the file', () => {
    const a = projectOf('services:\n  w: {image: x, environment: {A: "1", B: "2"}, labels: {x: "1"}}\n');
    const b = projectOf('services:\n  w: {labels: {x: "1"}, environment: [B=2, A=1], image: x}\n');
    expect(configHash(a, a.services[0])).toBe(configHash(b, b.services[0]));
    expect(configHash(a, a.services[0])).toMatch(/^[0-9a-f]{64}$/);
  });
  it('ignores scale (scaling never recreates) but not the image, environment, ports or a renamed volume', () => {
    const base = projectOf('services:\n  w: {image: x, volumes: ["dat:/d"]}\nvolumes: {dat: {}}\n');
    const hash = configHash(base, base.services[0]);
    for (const changed of [
      'services:\n  w: {image: x, volumes: ["dat:/d"], scale: 3}\nvolumes: {dat: {}}\n',
    ]) expect(configHash(projectOf(changed), projectOf(changed).services[0])).toBe(hash);
    for (const changed of [
      'services:\n  w: {image: y, volumes: ["dat:/d"]}\nvolumes: {dat: {}}\n',
      'services:\n  w: {image: x, volumes: ["dat:/d"], environment: [A=1]}\nvolumes: {dat: {}}\n',
      'services:\n  w: {image: x, volumes: ["dat:/d"], ports: ["80"]}\nvolumes: {dat: {}}\n',
      'services:\n  w: {image: x, volumes: ["dat:/d"]}\nvolumes: {dat: {name: other}}\n',
    ]) expect(configHash(projectOf(changed), projectOf(changed).services[0])).not.toBe(hash);
  });
});
