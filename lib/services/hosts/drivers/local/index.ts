// The local driver: a sandboxed Docker engine on the console's own machine (its own network
// namespace, dockerd and data folder). Needs root. Lifecycle: createLocalMachine, then
// startLocalEngine; stopLocalEngine / restartLocalEngine; removeLocalMachine.
import 'server-only';
export { assertLocalSupport, localDriverProblems } from './check-local-support.ts';
export { createLocalMachine, type CreateLocalMachineInput } from './create-local-machine.ts';
export { startLocalEngine } from './start-local-engine.ts';
export { localEnginePids, localEngineRunning, stopLocalEngine } from './stop-local-engine.ts';
export { restartLocalEngine } from './restart-local-engine.ts';
export { removeLocalMachine } from './remove-local-machine.ts';
export { assertLocalMachine, localEnginePaths, LOCAL_BRIDGE, type LocalMachine } from './local-layout.ts';
export { DEFAULT_LOCAL_SUBNET, localSubnetFromEnv, parseLocalSubnet } from './local-subnet.ts';
