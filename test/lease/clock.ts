/** A virtual clock shared by the sandbox (its ManualClock) and the code under test (the engine's Clock). */
import type { Clock } from '../../src/reconciler/types.ts';
import { ManualClock } from '../../src/sandbox/index.ts';

export function sharedClock(): { manual: ManualClock; clock: Clock & { advance(ms: number): void } } {
  const manual = new ManualClock();
  const clock = {
    now: () => manual.now(),
    sleep: async (ms: number) => {
      manual.advance(ms);
      await new Promise((r) => setImmediate(r));
    },
    random: () => 0.5,
    advance: (ms: number) => manual.advance(ms),
  };
  return { manual, clock };
}
