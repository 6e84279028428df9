import { MAX_RETRY_DELAY_SECONDS, retryDelaySeconds } from './mail-outbox.worker';

describe('retryDelaySeconds', () => {
  it('doubles from the base after each failed attempt', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelaySeconds(attempt, 30))).toEqual([30, 60, 120, 240, 480]);
  });

  it('never waits longer than an hour, however many attempts failed', () => {
    expect(retryDelaySeconds(8, 30)).toBe(MAX_RETRY_DELAY_SECONDS);
    expect(retryDelaySeconds(50, 30)).toBe(MAX_RETRY_DELAY_SECONDS);
    expect(retryDelaySeconds(1, 7200)).toBe(MAX_RETRY_DELAY_SECONDS);
  });
});
