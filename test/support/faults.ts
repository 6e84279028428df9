import { insertUser, loginAs } from './fixtures';
import { HttpClient, TestResponse } from './http-client';
import { Answer, tally } from './load';
import { TestApp } from './test-app';

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const PASSWORD = 'Tr0ub4dor&3-horse';

/** A logged-in user of the web app: its id and the headers that carry its session. */
export interface Member {
  id: string;
  headers: Record<string, string>;
}

export async function member(t: TestApp, group = 'member'): Promise<Member> {
  const user = await insertUser(t.prisma, { password: PASSWORD, group });
  return { id: user.id, headers: await loginAs(t.http, user.username, PASSWORD) };
}

/** GET /users/me as `who`. */
export const me = (http: HttpClient, who: Member): Promise<TestResponse> => http.get('/api/v1/users/me', { headers: who.headers });

/** One point granted to `target` by `admin` through the ledger. */
export const grant = (http: HttpClient, admin: Member, target: Member): Promise<TestResponse> =>
  http.post(`/api/v1/admin/users/${target.id}/points`, { delta: 1, reason: 'fault suite' }, { headers: admin.headers });

/**
 * Polls `ask` until it answers code 0, or fails after `timeoutMs`: a dependency came back and the
 * app serves again by itself.
 */
export async function servesAgain(ask: () => Promise<TestResponse>, timeoutMs = 15_000): Promise<number> {
  const since = Date.now();
  let last: TestResponse | undefined;
  while (Date.now() - since < timeoutMs) {
    last = await ask();
    if (last.body?.code === 0) return Date.now() - since;
    await sleep(50);
  }
  throw new Error(`still not serving ${timeoutMs} ms later: ${last?.status} ${last?.text}`);
}

/**
 * Every answer under a fault is a success or the dependency's own code, in the catalogue's
 * envelope with that code's status, and none waited longer than `boundMs`.
 */
export function expectOnly(answers: readonly Answer[], allowed: Record<number, number>, boundMs: number): void {
  const stray = answers.filter((a) => !a.enveloped || allowed[a.code as number] !== a.status);
  expect({ stray: tally(stray), all: tally(answers) }).toEqual({ stray: {}, all: tally(answers) });
  const slowest = Math.max(...answers.map((a) => a.ms));
  expect(slowest).toBeLessThanOrEqual(boundMs);
}

/** The points ledger agrees with every user's total: sum of the rows == users.points, and the last row's balance too. */
export async function expectLedgersMatchTotals(t: TestApp): Promise<void> {
  const disagreeing = await t.prisma.$queryRaw<{ id: string }[]>`
    SELECT u.id FROM users u
      LEFT JOIN LATERAL (SELECT coalesce(sum(delta), 0) AS total FROM points_ledger WHERE user_id = u.id) s ON true
      LEFT JOIN LATERAL (SELECT balance_after FROM points_ledger WHERE user_id = u.id ORDER BY id DESC LIMIT 1) l ON true
     WHERE u.points <> s.total OR u.points <> coalesce(l.balance_after, 0)`;
  expect(disagreeing).toEqual([]);
}

/**
 * Asks GET /users/me as `who` every 10 ms until it stops answering code 0; fails when it still
 * does `deadlineMs` after `since` (when the change was made elsewhere). Returns the first refusal
 * and how long after `since` it came.
 */
export async function refusedWithin(
  http: HttpClient,
  headers: Record<string, string>,
  since: number,
  deadlineMs: number,
  path = '/api/v1/users/me',
): Promise<{ response: TestResponse; afterMs: number }> {
  for (;;) {
    const response = await http.get(path, { headers });
    const afterMs = Date.now() - since;
    if (response.body.code !== 0) return { response, afterMs };
    if (afterMs > deadlineMs) throw new Error(`still answering code 0 ${afterMs} ms after the change`);
    await sleep(10);
  }
}

/**
 * The invalidation bus between two instances works again: `second` holds sessions in memory again
 * (a revocation written behind the bus goes unseen there), and hears a logout made at `first`
 * within `noticeMs`.
 */
export async function expectBusWorks(first: TestApp, second: TestApp, noticeMs: number): Promise<void> {
  const held = await member(first);
  for (const t of [first, second]) expect((await me(t.http, held)).body.code).toBe(0);
  await first.prisma.session.updateMany({ where: { userId: held.id }, data: { revokedAt: new Date() } });
  expect((await me(second.http, held)).body.code).toBe(0);

  const next = await member(first);
  for (const t of [first, second]) expect((await me(t.http, next)).body.code).toBe(0);
  expect((await first.http.post('/api/v1/auth/logout', undefined, { headers: next.headers })).body.code).toBe(0);
  expect((await refusedWithin(second.http, next.headers, Date.now(), noticeMs)).response.body.code).toBe(1031);
}
