/**
 * The daemon's Prometheus metrics (prom-client), every one `blogctl_*`. Counters the
 * daemon bumps as passes go; API calls, throttles, fence refusals and the lease are read
 * at scrape time from the objects that keep them (the call counter, the fence, the lease).
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CallCounter } from '../aws/call-counter.ts';
import type { Fence } from '../aws/fence.ts';
import type { Lease } from '../lease/lease.ts';
import { THROTTLING } from '../reconciler/errors.ts';

export type ResourceState = 'in_sync' | 'drifted' | 'failed';

export interface MetricSources {
  readonly calls: CallCounter;
  readonly fence?: Fence;
  readonly lease?: Lease;
  readonly now: () => number;
}

export class DaemonMetrics {
  readonly registry = new Registry();
  readonly passes: Counter<'result'>;
  readonly passDuration: Histogram;
  readonly resources: Gauge<'state'>;
  readonly repairs: Counter<'kind' | 'action'>;
  readonly failures: Counter<'kind' | 'operation'>;
  readonly specErrors: Counter;
  readonly specValid: Gauge;
  readonly lastSuccess: Gauge;

  constructor(src: MetricSources) {
    const registers = [this.registry];
    this.passes = new Counter({ name: 'blogctl_passes_total', help: 'Reconcile passes, by result (ok, failed).', labelNames: ['result'], registers });
    this.passDuration = new Histogram({
      name: 'blogctl_pass_duration_seconds', help: 'Wall time of a pass: observe, plan and apply.', registers,
      buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900, 1800],
    });
    this.resources = new Gauge({ name: 'blogctl_resources', help: 'Resources of the stack after the last pass, by state (in_sync, drifted, failed).', labelNames: ['state'], registers });
    for (const state of ['in_sync', 'drifted', 'failed']) this.resources.set({ state }, 0);
    this.repairs = new Counter({ name: 'blogctl_repairs_total', help: 'Changes applied (created, updated, replaced, deleted, adopted), by kind and action.', labelNames: ['kind', 'action'], registers });
    this.failures = new Counter({ name: 'blogctl_failures_total', help: 'Failed operations, by resource kind (or "pass") and operation.', labelNames: ['kind', 'operation'], registers });
    this.specErrors = new Counter({ name: 'blogctl_spec_errors_total', help: 'Passes that found the spec invalid and ran the last good one.', registers });
    this.specValid = new Gauge({ name: 'blogctl_spec_valid', help: '1 when the spec on disk loaded at the last pass, 0 when the last good one runs instead.', registers });
    this.lastSuccess = new Gauge({ name: 'blogctl_last_successful_pass_timestamp_seconds', help: 'When the last pass that did not fail ended.', registers });

    const calls = src.calls;
    new Counter({
      name: 'blogctl_api_calls_total', help: 'AWS API attempts (retries included), by service and operation.', labelNames: ['service', 'operation'], registers,
      collect() {
        this.reset();
        for (const s of calls.snapshot()) this.inc({ service: s.service, operation: s.operation }, s.calls);
      },
    });
    new Counter({
      name: 'blogctl_api_throttles_total', help: 'AWS API attempts answered with throttling, by service and operation.', labelNames: ['service', 'operation'], registers,
      collect() {
        this.reset();
        for (const s of calls.snapshot()) {
          const n = Object.entries(s.errors).filter(([name]) => THROTTLING.test(name)).reduce((a, [, c]) => a + c, 0);
          if (n > 0) this.inc({ service: s.service, operation: s.operation }, n);
        }
      },
    });
    const fence = src.fence;
    new Counter({
      name: 'blogctl_fence_refused_writes_total', help: 'Write attempts refused because the lease was lost (or observe-only).', registers,
      collect() {
        this.reset();
        if (fence && fence.refused > 0) this.inc(fence.refused);
      },
    });
    const lease = src.lease;
    if (lease) {
      new Gauge({
        name: 'blogctl_lease_held', help: '1 while this process holds the stack lease.', registers,
        collect() {
          this.set(lease.held ? 1 : 0);
        },
      });
      new Gauge({
        name: 'blogctl_lease_holder', help: 'The lease holder as last seen (value 1; labels say who).', labelNames: ['holder', 'host', 'pid', 'purpose'], registers,
        collect() {
          this.reset();
          const r = lease.current;
          if (r) this.set({ holder: r.holder, host: r.host, pid: String(r.pid), purpose: r.purpose }, 1);
        },
      });
      new Gauge({
        name: 'blogctl_lease_age_seconds', help: 'How long the holder last seen has held the lease.', registers,
        collect() {
          const r = lease.current;
          this.set(r ? Math.max(0, (src.now() - r.since) / 1000) : 0);
        },
      });
      new Gauge({
        name: 'blogctl_lease_token', help: 'The fencing token of the lease as last seen.', registers,
        collect() {
          this.set(lease.current?.token ?? 0);
        },
      });
    }
  }
}
