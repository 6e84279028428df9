import { TestResponse } from './http-client';

/** Seconds until the current fixed window of `windowSeconds` ends, as the limiter computes it. */
export const secondsLeftInWindow = (windowSeconds: number): number => {
  const now = Date.now() / 1000;
  return Math.ceil((Math.floor(now / windowSeconds) + 1) * windowSeconds - now);
};

/** Waits out the last few seconds of a window, so that a burst stays inside one. */
export async function awayFromWindowEnd(windowSeconds: number): Promise<void> {
  const left = secondsLeftInWindow(windowSeconds);
  if (left < 15) await new Promise((resolve) => setTimeout(resolve, (left + 1) * 1000));
}

/** A 429 with code 1075 whose Retry-After is the time left in the current window, not some constant. */
export function expectLimited(response: TestResponse, windowSeconds: number): void {
  expect({ status: response.status, code: response.body.code }).toEqual({ status: 429, code: 1075 });
  const retryAfter = response.headers.get('retry-after');
  expect(retryAfter).toMatch(/^\d+$/);
  const seconds = Number(retryAfter);
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThanOrEqual(windowSeconds);
  expect(Math.abs(seconds - secondsLeftInWindow(windowSeconds))).toBeLessThanOrEqual(3);
}
