// The join command users paste into a shell must never carry anything a shell would run; masked tokens must not leak.
import { describe, expect, it } from 'vitest';
import { joinCommand, maskToken } from '@/lib/models/swarms/join-command.ts';

// The shape swarmkit issues: SWMTKN-1-<50 base36>-<25 base36>.
const WORKER_TOKEN = 'SWMTKN-1-3pu6hszjas19xyp7ghgosyx9k8atbfcr8p2is99znpy26u2lkl-1awxwuwd3z9j1z3puu7rcgdbx';

describe('joinCommand', () => {
  it('builds the command docker prints, unquoted where nothing needs quoting', () => {
    expect(joinCommand(WORKER_TOKEN, '10.99.0.11:2377')).toBe(`docker swarm join --token ${WORKER_TOKEN} 10.99.0.11:2377`);
  });

  it('accepts host names', () => {
    expect(joinCommand('SWMTKN-1-abc-def', 'manager-1.lab.example:2377')).toBe('docker swarm join --token SWMTKN-1-abc-def manager-1.lab.example:2377');
    expect(joinCommand('tok', 'm:1')).toBe('docker swarm join --token tok m:1');
  });

  it('single-quotes a bracketed IPv6 address: brackets are glob characters', () => {
    expect(joinCommand(WORKER_TOKEN, '[fd00:99::11]:2377')).toBe(`docker swarm join --token ${WORKER_TOKEN} '[fd00:99::11]:2377'`);
  });

  it('accepts the whole port range', () => {
    expect(() => joinCommand('t', 'h:1')).not.toThrow();
    expect(() => joinCommand('t', 'h:65535')).not.toThrow();
  });

  describe('rejects tokens a shell would interpret', () => {
    it.each([
      ['a semicolon', `${WORKER_TOKEN};rm -rf /`],
      ['a command substitution', 'SWMTKN-1-$(reboot)'],
      ['backticks', 'SWMTKN-1-`id`'],
      ['a space', 'SWMTKN-1-abc def'],
      ['a newline', 'SWMTKN-1-abc\nreboot'],
      ['a carriage return', 'SWMTKN-1-abc\r'],
      ['a tab', 'SWMTKN-1-abc\tx'],
      ['a single quote', "SWMTKN-1-abc'x"],
      ['a double quote', 'SWMTKN-1-abc"x'],
      ['a pipe', 'SWMTKN-1-abc|sh'],
      ['an ampersand', 'SWMTKN-1-abc&'],
      ['a redirect', 'SWMTKN-1-abc>/etc/passwd'],
      ['a dollar', 'SWMTKN-1-$HOME'],
      ['a backslash', 'SWMTKN-1-abc\\'],
      ['a glob', 'SWMTKN-1-*'],
      ['a NUL', 'SWMTKN-1-abc\u0000'],
      ['non-ASCII letters', 'SWMTKN-1-äbc'],
      ['an underscore', 'SWMTKN_1'],
      ['nothing', ''],
    ])('%s', (_label, token) => {
      expect(() => joinCommand(token, '10.99.0.11:2377')).toThrow(/^Not a join token: .*A token has only letters, digits and dashes/s);
    });

    it('shows a long bad token cut short in the message', () => {
      expect(() => joinCommand(`${'A'.repeat(100)};`, '10.99.0.11:2377')).toThrow(`Not a join token: "${'A'.repeat(40)}…"`);
    });
  });

  describe('rejects addresses that are not host:port', () => {
    it.each([
      ['no port', '10.99.0.11'],
      ['an empty port', '10.99.0.11:'],
      ['port 0', '10.99.0.11:0'],
      ['a port above 65535', '10.99.0.11:65536'],
      ['a six-digit port', '10.99.0.11:123456'],
      ['a semicolon', '10.99.0.11:2377;reboot'],
      ['a command substitution', '$(reboot):2377'],
      ['backticks', '`id`:2377'],
      ['a space', '10.99.0.11 :2377'],
      ['a leading space', ' 10.99.0.11:2377'],
      ['a newline', '10.99.0.11:2377\n'],
      ['a newline in the middle', '10.99.0.11\nreboot:2377'],
      ['a leading dash (an option to the CLI)', '-oProxyCommand=x:2377'],
      ['a URL', 'tcp://10.99.0.11:2377'],
      ['a path', '10.99.0.11/x:2377'],
      ['a user', 'root@10.99.0.11:2377'],
      ['an unbracketed IPv6 address', 'fd00::11:2377'],
      ['brackets around a name with a shell character', '[fd00::1;x]:2377'],
      ['a glob', '*:2377'],
      ['nothing', ''],
      ['only a port', ':2377'],
    ])('%s', (_label, address) => {
      expect(() => joinCommand(WORKER_TOKEN, address)).toThrow(/^Not a manager address: .*Give host:port/s);
    });
  });

  it('rejects values that are not strings at all', () => {
    expect(() => joinCommand(undefined as unknown as string, '10.99.0.11:2377')).toThrow(/Not a join token/);
    expect(() => joinCommand(WORKER_TOKEN, null as unknown as string)).toThrow(/Not a manager address/);
  });
});

describe('maskToken', () => {
  it('keeps the prefix and the last 4 characters of a real token, one bullet per hidden character', () => {
    const masked = maskToken(WORKER_TOKEN);
    expect(masked).toBe(`SWMTKN-1-${'•'.repeat(WORKER_TOKEN.length - 9 - 4)}gdbx`);
    expect(masked).toHaveLength(WORKER_TOKEN.length);
    // Nothing of the secret middle survives.
    expect(masked).not.toContain('3pu6');
    expect(masked).not.toContain('1awx');
  });

  it('a token without the usual prefix: all but the last 4 masked', () => {
    expect(maskToken('abcdefghijkl')).toBe('••••••••ijkl');
  });

  it('a short secret is masked completely: its last 4 would be most of it', () => {
    expect(maskToken('SWMTKN-1-abcd')).toBe('SWMTKN-1-••••');
    expect(maskToken('SWMTKN-1-abcdefgh')).toBe('SWMTKN-1-••••••••');
    expect(maskToken('SWMTKN-1-abcdefghi')).toBe('SWMTKN-1-•••••fghi');
    expect(maskToken('SWMTKN-1-')).toBe('SWMTKN-1-');
    expect(maskToken('x')).toBe('•');
  });

  it('nothing, or not a string: nothing', () => {
    expect(maskToken('')).toBe('');
    expect(maskToken(undefined as unknown as string)).toBe('');
    expect(maskToken(42 as unknown as string)).toBe('');
  });
});
