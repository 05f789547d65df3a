/**
 * `blogctl reconcile` without --once: the daemon. Wires the loop (src/daemon/) to the
 * spec on disk, one set of clients per pass behind the lease fence (a shared call
 * counter for /metrics), the lease, the HTTP endpoints and the signals:
 * SIGTERM/SIGINT stop (the pass in flight finishes its calls, starts nothing new; the
 * lease is released; exit 0 within 10 s), SIGHUP re-reads the spec at once.
 */
import { CallCounter } from '../../aws/call-counter.ts';
import { Fence } from '../../aws/fence.ts';
import { Daemon } from '../../daemon/daemon.ts';
import { serve, parseListen, type Served } from '../../daemon/http.ts';
import { DaemonMetrics } from '../../daemon/metrics.ts';
import { ExitCode } from '../../reconciler/exit-codes.ts';
import { systemClock } from '../../reconciler/wait.ts';
import { UsageError, type CliArgs } from '../args.ts';
import { abortableClock } from '../interrupt.ts';
import type { Io } from '../io.ts';
import { stackLease } from '../lease.ts';
import { createLogger } from '../logging.ts';
import { prepareAdapters, openCliSandbox, runOptions, wire } from '../wiring.ts';
import { loadSpecFor } from './spec.ts';

/** After SIGTERM, the most the daemon waits for the pass in flight before it exits anyway. */
export const STOP_DEADLINE_MS = 9_000;

export async function daemonCommand(args: CliArgs, io: Io): Promise<number> {
  if (args.listen !== undefined) {
    try {
      parseListen(args.listen);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  }
  // JSON lines unless asked otherwise: a daemon's logs go to a journal or a collector.
  const log = createLogger({ level: args.logLevel, format: args.logFormat ?? 'json', write: (line) => io.err(line) });
  const first = loadSpecFor(args, io); // a broken spec at start is an error: there is no last good one
  await prepareAdapters(); // every kind: later passes may read a changed spec
  const sandbox = args.sandbox ? openCliSandbox(args, first.region) : undefined;
  const counter = new CallCounter();
  const leased = args.observeOnly ? undefined : stackLease(args, first, sandbox, log, 'daemon', { counter });
  let daemon: Daemon | undefined;
  const fence = new Fence(() => (daemon ? daemon.writeRefusal() : 'the daemon is starting'));
  const metrics = new DaemonMetrics({ calls: counter, fence, lease: leased?.lease, now: () => Date.now() });
  daemon = new Daemon({
    loadSpec: () => loadSpecFor(args, io),
    engineFor: (spec, signal, passLog) => {
      const wired = wire(spec, args, sandbox, passLog, { counter, fence, signal, clock: abortableClock(signal) });
      return { engine: wired.engine, dispose: () => wired.clients.destroy() };
    },
    ...(leased ? { lease: leased.lease } : {}),
    clock: systemClock,
    log,
    metrics,
  }, { intervalMs: args.intervalMs, observeOnly: args.observeOnly, run: runOptions(args) });

  let served: Served | undefined;
  if (args.listen !== undefined) {
    served = await serve(args.listen, () => daemon.health(), metrics.registry);
    log.info({ url: served.url }, `serving /healthz and /metrics on ${served.url}`);
  }
  const d = daemon;
  const onStop = (sig: NodeJS.Signals) => {
    if (d.stopped) return;
    log.info({ signal: sig }, 'stopping: finishing the AWS calls in flight, starting nothing new');
    d.stop(`received ${sig}`);
    // Whatever happens, exit within the bound; a pass stuck in a call is cut off.
    setTimeout(() => {
      log.error({ deadlineMs: STOP_DEADLINE_MS }, 'the pass in flight did not finish in time; exiting anyway (the lease expires by itself)');
      process.exit(ExitCode.Ok);
    }, STOP_DEADLINE_MS).unref();
  };
  const onHup = () => d.reload();
  process.on('SIGTERM', onStop);
  process.on('SIGINT', onStop);
  process.on('SIGHUP', onHup);
  log.info({ stack: first.stack, intervalMs: args.intervalMs, observeOnly: args.observeOnly, pid: process.pid }, `daemon started for stack "${first.stack}"`);
  try {
    await d.run();
  } finally {
    process.off('SIGTERM', onStop);
    process.off('SIGINT', onStop);
    process.off('SIGHUP', onHup);
    await served?.close();
    leased?.clients.destroy();
  }
  log.info({}, 'daemon stopped');
  return ExitCode.Ok;
}
