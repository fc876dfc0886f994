import { BroadcastChannel } from 'node:worker_threads';

// The command line hears SIGINT and SIGTERM; the runs go on in vitest's worker threads, which hear no signals.
// A broadcast channel reaches every thread of the process, so a run stops sending the way a spent budget makes it.
const CHANNEL = 'api-conformance:interrupt';
let reason: string | undefined;
const listener = new BroadcastChannel(CHANNEL);
listener.unref();
listener.onmessage = (event) => {
  reason ??= String((event as MessageEvent).data);
};

/** Why the run must stop sending, once the command line was interrupted; undefined until then. */
export const interruptRefusal = (): string | undefined => reason;

/** Tells every run of this process to stop sending: in-flight requests finish, the rest is "not sent". */
export function announceInterrupt(signal: string): void {
  reason ??= `the run was interrupted (${signal})`;
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage(reason);
  channel.close();
}
