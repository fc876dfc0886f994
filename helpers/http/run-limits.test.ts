import { describe, expect, it } from 'vitest';
import { fakeClock } from '../testing/fake-clock.ts';
import { type Clock, createRunLimits } from './run-limits.ts';

describe('the run limits', () => {
  it('admits requests at the rate limit: each one its own slot, 1000/rate ms apart, however many wait at once', async () => {
    const clock = fakeClock();
    const limits = createRunLimits({ maxRequests: 0, ratePerSecond: 40 }, clock);
    const admitted: number[] = [];
    await Promise.all(
      Array.from({ length: 60 }, async () => {
        expect(await limits.admit()).toBeUndefined();
        admitted.push(clock.elapsed());
      }),
    );
    admitted.sort((a, b) => a - b);
    expect(admitted).toEqual(Array.from({ length: 60 }, (_, i) => i * 25));
    expect(limits.sent()).toBe(60);
  });

  it('keeps the spacing when a sleeper wakes late', async () => {
    let t = 0;
    // Every sleep oversleeps by 40 ms, as on a loaded machine.
    const late: Clock = {
      now: () => t,
      sleep: async (ms) => {
        t += ms + 40;
      },
    };
    const limits = createRunLimits({ maxRequests: 0, ratePerSecond: 10 }, late);
    const at: number[] = [];
    for (let i = 0; i < 5; i++) {
      await limits.admit();
      at.push(t);
    }
    const gaps = at.slice(1).map((x, i) => x - (at[i] ?? 0));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(100);
  });

  it('refuses every request after the budget, saying why, and counts only what it admitted', async () => {
    const limits = createRunLimits({ maxRequests: 3, ratePerSecond: 0 }, fakeClock());
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await limits.admit());
    expect(answers).toEqual([
      undefined,
      undefined,
      undefined,
      'the request budget is spent (MAX_REQUESTS=3)',
      'the request budget is spent (MAX_REQUESTS=3)',
    ]);
    expect(limits.sent()).toBe(3);
    expect(limits.stopped()).toBe('the request budget is spent (MAX_REQUESTS=3)');
  });

  it('refuses every request once the deadline has passed, also a request waiting for the rate limit', async () => {
    const clock = fakeClock(0);
    const limits = createRunLimits({ maxRequests: 0, ratePerSecond: 0, deadline: 50 }, clock);
    expect(await limits.admit()).toBeUndefined();
    await clock.sleep(50);
    expect(await limits.admit()).toBe('the run deadline passed (RUN_DEADLINE_S)');
    expect(limits.sent()).toBe(1);
  });
});
