// The `docker swarm join` command a user copies to another machine, and a join token masked for display. Pure.

const TOKEN = /^[A-Za-z0-9-]+$/;
// A name or IPv4 address (not starting with a dash, which the CLI would read as an option), or a bracketed IPv6 address.
const ADDRESS = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):(\d{1,5})$/;
const SHELL_SAFE = /^[A-Za-z0-9._:/=+-]+$/;
const TOKEN_PREFIX = 'SWMTKN-1-';

/** POSIX single quoting: inside '…' nothing is special but the quote itself. */
function shellQuote(value: string): string {
  return SHELL_SAFE.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

const shown = (value: string) => JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);

export function joinCommand(token: string, managerAddr: string): string {
  if (typeof token !== 'string' || !TOKEN.test(token)) {
    throw new Error(`Not a join token: ${shown(String(token))}. A token has only letters, digits and dashes (SWMTKN-1-…).`);
  }
  const match = typeof managerAddr === 'string' ? ADDRESS.exec(managerAddr) : null;
  const port = match ? Number(match[1]) : 0;
  if (!match || port < 1 || port > 65535) {
    throw new Error(`Not a manager address: ${shown(String(managerAddr))}. Give host:port, e.g. 10.0.0.11:2377 or [fd00::11]:2377.`);
  }
  // Both are validated; quoting still matters for IPv6, whose brackets are glob characters.
  return `docker swarm join --token ${shellQuote(token)} ${shellQuote(managerAddr)}`;
}

export function maskToken(token: string): string {
  if (typeof token !== 'string' || token === '') return '';
  const prefix = token.startsWith(TOKEN_PREFIX) ? TOKEN_PREFIX : '';
  const secret = token.slice(prefix.length);
  // Showing the last 4 of a very short secret would show most of it.
  const tail = secret.length > 8 ? secret.slice(-4) : '';
  return `${prefix}${'•'.repeat(secret.length - tail.length)}${tail}`;
}
