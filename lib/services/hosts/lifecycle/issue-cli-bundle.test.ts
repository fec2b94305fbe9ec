import { describe, expect, it } from 'vitest';
import { contextNameOf, dockerContextCommand, engineEndpoint, envScript } from './issue-cli-bundle.ts';

describe('docker CLI connection facts', () => {
  it('names the context after the host, safe for paths and argv', () => {
    expect(contextNameOf('Web_1.prod')).toBe('wharf-web_1.prod');
    expect(contextNameOf('a b;c')).toBe('wharf-a-b-c');
  });

  it('writes host:port, with IPv6 in brackets', () => {
    expect(engineEndpoint('10.0.0.5')).toBe('10.0.0.5:2376');
    expect(engineEndpoint('fd00::5')).toBe('[fd00::5]:2376');
    expect(engineEndpoint('node.example.com')).toBe('node.example.com:2376');
  });

  it('builds a docker context command and an env script that point at the same engine', () => {
    const command = dockerContextCommand('web-1', '10.0.0.5');
    expect(command).toBe('docker context create wharf-web-1 --docker "host=tcp://10.0.0.5:2376,ca=$HOME/.docker/wharf/wharf-web-1/ca.pem,cert=$HOME/.docker/wharf/wharf-web-1/cert.pem,key=$HOME/.docker/wharf/wharf-web-1/key.pem"');
    const script = envScript('web-1', 'fd00::5');
    expect(script).toContain('export DOCKER_HOST=tcp://[fd00::5]:2376');
    expect(script).toContain('export DOCKER_TLS_VERIFY=1');
  });
});
