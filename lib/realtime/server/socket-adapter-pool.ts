// What the socket.io Postgres adapter is given as its "pool". The adapter runs its queries
// (NOTIFY, attachments, clean-up) through a real pg.Pool of one connection, so emits go out in
// order; the connection it keeps for LISTEN is a client of its own, outside that pool. The adapter
// never gives a LISTEN connection back when it dies (it only makes a new one), so inside a pool a
// dead one would hold a slot for ever: emits would then wait for a free connection, and ending the
// pool at stop would wait for it too. Here `release` ends the client, and `end` ends them all.
import 'server-only';
import pg from 'pg';

export type AdapterPool = {
  /** Hand this to createAdapter: it uses only `connect` and `query`. */
  forAdapter: pg.Pool;
  end(): Promise<void>;
};

export function createAdapterPool(options: { connectionString: string; applicationName: string; onError: (error: Error, part: 'query' | 'listen') => void }): AdapterPool {
  const { connectionString, applicationName, onError } = options;
  const queries = new pg.Pool({ connectionString, max: 1, application_name: applicationName });
  queries.on('error', (error) => onError(error, 'query'));
  const listening = new Set<pg.Client>();
  const forAdapter = {
    query: (text: string, values?: unknown[]) => queries.query(text, values),
    async connect() {
      const client = new pg.Client({ connectionString, application_name: applicationName, keepAlive: true });
      // Without a listener, a connection lost while Postgres restarts would be an uncaught error.
      client.on('error', (error) => onError(error, 'listen'));
      client.once('end', () => listening.delete(client));
      try {
        await client.connect();
      } catch (error) {
        await client.end().catch(() => {});
        throw error;
      }
      listening.add(client);
      return Object.assign(client, {
        release: () => {
          listening.delete(client);
          void client.end().catch(() => {});
        },
      });
    },
  } as unknown as pg.Pool;
  return {
    forAdapter,
    async end() {
      await Promise.all([...listening].map((client) => client.end().catch(() => {})));
      listening.clear();
      await queries.end().catch(() => {});
    },
  };
}
