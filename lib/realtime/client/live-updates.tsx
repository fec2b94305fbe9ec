'use client';
// Keeps the browser's data live: one socket per tab, whose messages patch or invalidate exactly
// the affected host's cached queries. Also tells the user when the live link is down.
import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { io, type Socket } from 'socket.io-client';
import { toast } from 'sonner';
import type { HostView } from '@/lib/services/hosts/host-view.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import { SOCKET_PATH, type ClientToServerEvents, type ServerToClientEvents } from '../protocol.ts';
import { liveStep, patchList, withFacts, withStatus } from './apply-message.ts';
import { keepConnected } from './keep-connected.ts';

/** Engine events that can change what a swarm view shows: its nodes, services (stacks are made of
 * them), the tasks' containers, secrets, configs, networks and volumes. */
const SWARM_EVENT_TYPES = new Set(['node', 'service', 'container', 'secret', 'config', 'network', 'volume']);
const SWARM_REFRESH_MS = 300;

/** `away`: the console's database did not answer; the socket comes back once it does. */
export type LiveState = 'connecting' | 'live' | 'offline' | 'away';
const LiveContext = createContext<LiveState>('connecting');
export const useLiveState = () => useContext(LiveContext);

export function LiveUpdates({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const [state, setState] = useState<LiveState>('connecting');

  useEffect(() => {
    // Connected explicitly: the tab's sockets share one manager, and a socket connects by itself only
    // if whoever made the manager asked for that (a stream view's socket, made first, does not).
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({ path: SOCKET_PATH, transports: ['websocket'], withCredentials: true, autoConnect: false });

    const readAgain = new Set<string>();
    const timers = new Set<ReturnType<typeof setTimeout>>();
    // What a live message does to one cached entry (liveStep says why).
    const patchIfCurrent = <T,>(key: readonly unknown[], update: (value: T | undefined) => T | undefined) => {
      const query = queryClient.getQueryCache().find({ queryKey: key, exact: true });
      if (!query) return;
      const step = liveStep(query.state);
      if (step === 'read-after-current') readAgain.add(query.queryHash);
      else if (step === 'read-again') void queryClient.invalidateQueries({ queryKey: key, exact: true }, { cancelRefetch: false });
      else queryClient.setQueryData<T>(key, update);
    };
    const patchHost = (hostId: string, patch: (host: HostView) => HostView) => {
      patchIfCurrent<HostView[]>(queryKeys.hostList, (list) => patchList(list, hostId, patch));
      patchIfCurrent<HostView>(queryKeys.hostDetail(hostId), (host) => (host ? patch(host) : host));
    };
    // A drain or a service update sends bursts of events, and so does a busy host's containers:
    // refresh such a view at most every SWARM_REFRESH_MS, never cancel a read that is under way
    // (a read through a slow manager would never finish), and read once more after one that
    // started before the event.
    const throttledRefresh = (queryKey: readonly unknown[]) => {
      let timer: ReturnType<typeof setTimeout> | null = null;
      return () => {
        timer ??= setTimeout(() => {
          if (timer) timers.delete(timer);
          timer = null;
          for (const query of queryClient.getQueryCache().findAll({ queryKey, type: 'active' })) {
            if (query.state.fetchStatus === 'fetching') readAgain.add(query.queryHash);
          }
          void queryClient.invalidateQueries({ queryKey }, { cancelRefetch: false });
        }, SWARM_REFRESH_MS);
        timers.add(timer);
      };
    };
    const refreshSwarms = throttledRefresh(queryKeys.swarmList);
    const refreshContainers = throttledRefresh(queryKeys.containersAll);
    // Images, volumes and networks say which containers use them: a container event changes them too.
    const refreshResources = { images: throttledRefresh(queryKeys.resourcesAll('images')), volumes: throttledRefresh(queryKeys.resourcesAll('volumes')), networks: throttledRefresh(queryKeys.resourcesAll('networks')) };
    const unsubscribeCache = queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated' || !readAgain.has(event.query.queryHash)) return;
      if (event.action.type !== 'success' && event.action.type !== 'error') return;
      readAgain.delete(event.query.queryHash);
      void queryClient.invalidateQueries({ queryKey: event.query.queryKey, exact: true }, { cancelRefetch: false });
    });

    socket.on('connect', () => {
      setState('live');
      // What the page holds was read before this socket joined its rooms (on the server while the
      // page rendered, or before a reconnect): a change in between was told to no one here, so it
      // is all read again once, now that every later change will be heard.
      void queryClient.invalidateQueries();
    });
    // A drop or refusal after the server said its database is away keeps saying so until connected.
    const offline = () => setState((now) => (now === 'away' ? now : 'offline'));
    socket.on('disconnect', offline);
    socket.on('connect_error', offline);
    const release = keepConnected(socket, {
      suspended: () => setState('away'),
      ended: (reason) => {
        toast.error(reason);
        router.replace('/login');
      },
    });
    socket.on('host:status', (m) => patchHost(m.hostId, (h) => withStatus(h, m)));
    socket.on('host:facts', (m) => patchHost(m.hostId, (h) => withFacts(h, m)));
    socket.on('host:changed', (m) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.hostList });
      void queryClient.invalidateQueries({ queryKey: queryKeys.host(m.hostId) });
    });
    socket.on('engine:event', (m) => {
      // The host's own facts arrive as host:facts; everything else under the host is refetched.
      void queryClient.invalidateQueries({
        queryKey: queryKeys.host(m.hostId),
        predicate: (query) => query.queryKey[2] !== 'detail',
      });
      // Swarm views are read through a manager, whichever host the event came from. Task
      // containers carry the swarm's labels, but an event's summary has none: any container counts.
      if (SWARM_EVENT_TYPES.has(m.event.type)) refreshSwarms();
      // The cross-host container table lives outside any one host's keys.
      if (m.event.type === 'container') refreshContainers();
      if (m.event.type === 'container' || m.event.type === 'image') refreshResources.images();
      if (m.event.type === 'container' || m.event.type === 'volume') refreshResources.volumes();
      if (m.event.type === 'container' || m.event.type === 'network') refreshResources.networks();
    });
    socket.on('provision:updated', (m) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.provisionJob(m.jobId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.provisionJobs, exact: true });
    });
    socket.connect();
    return () => {
      release();
      for (const timer of timers) clearTimeout(timer);
      unsubscribeCache();
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [queryClient, router]);

  return <LiveContext.Provider value={state}>{children}</LiveContext.Provider>;
}
