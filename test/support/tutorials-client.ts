import { TutorialStatus } from '../../src/generated/prisma/client';
import { insertUser, loginAs, WEB } from './fixtures';
import { TestResponse } from './http-client';
import { TestApp } from './test-app';

export const TUTORIALS = '/api/v1/tutorials';
const HOUR_MS = 3600 * 1000;

export interface Account {
  id: string;
  username: string;
  headers: Record<string, string>;
}

/** The titles of a list answer, in its order. */
export const titles = (response: TestResponse): string[] => {
  if (!Array.isArray(response.body.data)) throw new Error(`not a list: ${response.text}`);
  return response.body.data.map((item: { title: string }) => item.title);
};

/** Helpers of the tutorial suites, bound to one running app; accounts log in with `password`. */
export function tutorialsClient(t: () => TestApp, password: string) {
  const account = async (group = 'member'): Promise<Account> => {
    const user = await insertUser(t().prisma, { password, group });
    return { id: user.id, username: user.username, headers: await loginAs(t().http, user.username, password) };
  };
  const write = (author: Account, body: Record<string, unknown>) => t().http.post(TUTORIALS, body, { headers: author.headers });
  const change = (caller: Account, tid: string, body: Record<string, unknown>) =>
    t().http.patch(`${TUTORIALS}/${tid}`, body, { headers: caller.headers });
  const open = (tid: string, caller?: Account) => t().http.get(`${TUTORIALS}/${tid}`, { headers: caller?.headers ?? WEB });
  const list = (query: string, caller?: Account) => t().http.get(`${TUTORIALS}?${query}`, { headers: caller?.headers ?? WEB });
  const search = (words: string, more = '') => list(`condition=q:${encodeURIComponent(words)}${more}&pageSize=100`);
  /**
   * A published tutorial straight in the database, with the views, tags and publication time a test
   * needs (rendered at its first reading, as rows from before rendering are).
   */
  const published = (author: Account, title: string, fields: { views?: number; hoursAgo?: number; body?: string; tags?: string[] } = {}) =>
    t().prisma.tutorial.create({
      data: {
        authorId: author.id,
        title,
        body: fields.body ?? `All about ${title}.`,
        tags: fields.tags ?? [],
        status: TutorialStatus.PUBLISHED,
        views: fields.views ?? 0,
        publishedAt: new Date(Date.now() - (fields.hoursAgo ?? 1) * HOUR_MS),
      },
    });
  return { account, write, change, open, list, search, published };
}
