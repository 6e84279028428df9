import { TutorialStatus } from '../src/generated/prisma/client';
import { refuseAuditRowsAbout } from './support/audit-fault';
import { loginAs, WEB } from './support/fixtures';
import { TestResponse } from './support/http-client';
import { awayFromWindowEnd, expectLimited } from './support/limits';
import { createTestApp, TestApp } from './support/test-app';
import { Account, titles, TUTORIALS, tutorialsClient } from './support/tutorials-client';

const PASSWORD = 'tutorial-pass-2026';
const ENV = { BCRYPT_COST: '4', LOGIN_LIMIT_PER_IP: '0', RATE_LIMIT_PER_IP: '0' };

const codes = (responses: TestResponse[]): number[] => responses.map((r) => r.body.code);

describe('tutorials', () => {
  let t: TestApp;
  const { account, write, change, open, list, published } = tutorialsClient(() => t, PASSWORD);
  let moderator: Account;

  let refuseAuditAbout: (targetId: string) => Promise<void>;

  beforeAll(async () => {
    t = await createTestApp({ env: ENV });
    await t.prisma.group.create({ data: { name: 'reviewer', rank: 35, permissions: ['tutorial.publish'] } });
    moderator = await account('moderator');
    refuseAuditAbout = await refuseAuditRowsAbout(t.prisma);
  });
  afterAll(() => t.close());

  describe('writing', () => {
    it('needs a session (1030) and a group holding tutorial.write (1042)', async () => {
      expect((await t.http.post(TUTORIALS, { title: 't', body: 'b' }, { headers: WEB })).body.code).toBe(1030);
      const banned = await account('banned');
      const reviewer = await account('reviewer');
      for (const refused of [
        await write(banned, { title: 't', body: 'b' }),
        await write(reviewer, { title: 't', body: 'b', publish: true }),
      ]) {
        expect(refused.status).toBe(403);
        expect(refused.body.code).toBe(1042);
      }
      expect(await t.prisma.tutorial.count({ where: { authorId: { in: [banned.id, reviewer.id] } } })).toBe(0);
    });

    it('keeps a draft to its author and publishers, with the markdown as sent', async () => {
      const alice = await account();
      const body = '  indented code\n\n# Title\n\n* item\n';
      const created = await write(alice, { title: '  Drafting 📘 ', body });
      expect(created.status).toBe(201);
      expect(created.body.data).toMatchObject({
        title: 'Drafting 📘',
        body,
        status: 'DRAFT',
        views: 0,
        publishedAt: null,
        author: { uuid: alice.id, username: alice.username, nickname: expect.any(String) },
      });
      const { tid } = created.body.data;

      expect((await open(tid, alice)).body.data).toMatchObject({ tid, body, status: 'DRAFT' });
      expect((await open(tid, moderator)).body.data.status).toBe('DRAFT');
      for (const hidden of [await open(tid), await open(tid, await account())]) {
        expect(hidden.status).toBe(404);
        expect(hidden.body.code).toBe(1052);
      }
      expect(await t.prisma.tutorialView.count({ where: { tutorialId: tid } })).toBe(0);
    });

    it('publishes at once for tutorial.publish, and queues everyone else’s (PENDING) for a publisher', async () => {
      const mod = await write(moderator, { title: 'By a moderator', body: 'b', publish: true });
      expect(mod.body.data.status).toBe('PUBLISHED');
      expect(Date.parse(mod.body.data.publishedAt)).toBeGreaterThan(Date.now() - 60_000);
      expect((await open(mod.body.data.tid)).body.data.title).toBe('By a moderator');

      const alice = await account();
      const asked = await write(alice, { title: 'Please publish me', body: 'b', publish: true });
      expect(asked.body.data).toMatchObject({ status: 'PENDING', publishedAt: null });
      const { tid } = asked.body.data;
      expect((await open(tid)).body.code).toBe(1052);
      const queue = await list('condition=status:PENDING&pageSize=100', moderator);
      expect(queue.body.data.map((item: { tid: string }) => item.tid)).toContain(tid);

      const approved = await change(moderator, tid, { status: 'PUBLISHED' });
      expect(approved.body.data).toMatchObject({ status: 'PUBLISHED', title: 'Please publish me' });
      expect(approved.body.data.publishedAt).not.toBeNull();
      expect((await open(tid)).body.data.status).toBe('PUBLISHED');
      expect((await write(alice, { title: 'Not yet', body: 'b', publish: false })).body.data.status).toBe('DRAFT');
    });

    it('takes a tutorial down (HIDDEN) for everyone but its author and publishers; publishedAt stays the first publication', async () => {
      const alice = await account();
      const first = await write(moderator, { title: 'Short-lived', body: 'b' });
      const { tid } = first.body.data;
      await t.prisma.tutorial.update({ where: { id: tid }, data: { authorId: alice.id } });
      const { publishedAt } = (await change(moderator, tid, { status: 'PUBLISHED' })).body.data;

      expect((await change(moderator, tid, { status: 'HIDDEN' })).body.data.status).toBe('HIDDEN');
      const bob = await account();
      expect(codes([await open(tid), await open(tid, bob), await change(bob, tid, { title: 'mine now' })])).toEqual([1052, 1052, 1052]);
      expect((await open(tid, alice)).body.data.status).toBe('HIDDEN');
      expect((await change(alice, tid, { status: 'PUBLISHED' })).body.data.status).toBe('PENDING');

      const again = await change(moderator, tid, { status: 'PUBLISHED' });
      expect(again.body.data.publishedAt).toBe(publishedAt);
    });

    it('sends an author’s edit of a published tutorial back to a publisher, and lets the author withdraw it', async () => {
      const alice = await account();
      const { tid } = (await write(alice, { title: 'Evolving', body: 'v1', publish: true })).body.data;
      const { publishedAt } = (await change(moderator, tid, { status: 'PUBLISHED' })).body.data;

      const unchanged = await change(alice, tid, { title: 'Evolving', status: 'PUBLISHED' });
      expect(unchanged.body.data.status).toBe('PUBLISHED');
      const edited = await change(alice, tid, { body: 'v2' });
      expect(edited.body.data).toMatchObject({ body: 'v2', status: 'PENDING', publishedAt });
      expect((await open(tid)).body.code).toBe(1052);
      expect((await change(alice, tid, { status: 'DRAFT' })).body.data.status).toBe('DRAFT');
      expect((await change(alice, tid, { status: 'HIDDEN' })).body.code).toBe(1042);

      const own = (await write(moderator, { title: 'Moderated', body: 'v1', publish: true })).body.data.tid;
      expect((await change(moderator, own, { body: 'v2' })).body.data).toMatchObject({ body: 'v2', status: 'PUBLISHED' });
    });

    it('audits publishers’ decisions (publishing, hiding, moving another’s tutorial) in the transaction of the change, not authors’ own moves', async () => {
      const statusRows = (tid: string) =>
        t.prisma.auditEntry.findMany({ where: { action: 'tutorial.status', targetId: tid }, orderBy: { id: 'asc' } });
      const moves = async (tid: string) => (await statusRows(tid)).map((row) => [row.actorId, row.details]);
      const alice = await account();
      const { tid } = (await write(alice, { title: 'Audited', body: 'b', publish: true })).body.data;
      expect(
        codes([
          await change(alice, tid, { status: 'DRAFT' }),
          await change(alice, tid, { status: 'PENDING' }),
          await change(moderator, tid, { status: 'PUBLISHED' }),
          await change(moderator, tid, { status: 'HIDDEN' }),
          await change(moderator, tid, { status: 'DRAFT' }),
          await change(moderator, tid, { status: 'DRAFT' }),
        ]),
      ).toEqual([0, 0, 0, 0, 0, 0]);
      expect(await moves(tid)).toEqual([
        [moderator.id, { status: { from: 'PENDING', to: 'PUBLISHED' } }],
        [moderator.id, { status: { from: 'PUBLISHED', to: 'HIDDEN' } }],
        [moderator.id, { status: { from: 'HIDDEN', to: 'DRAFT' } }],
      ]);
      expect((await statusRows(tid)).every((row) => row.targetType === 'tutorial' && row.ip !== null)).toBe(true);

      const own = (await write(moderator, { title: 'Straight out', body: 'b', publish: true })).body.data.tid;
      expect(await moves(own)).toEqual([[moderator.id, { status: { from: null, to: 'PUBLISHED' } }]]);

      await refuseAuditAbout(tid);
      const refused = await change(moderator, tid, { status: 'PUBLISHED' });
      expect(refused.body.code).toBe(1018);
      expect((await t.prisma.tutorial.findUniqueOrThrow({ where: { id: tid } })).status).toBe('DRAFT');
      expect(await statusRows(tid)).toHaveLength(3);
    });

    it('refuses others: 1052 for what they cannot see, 1042 for what they can see but not change', async () => {
      const [alice, bob] = [await account(), await account()];
      const draft = (await write(alice, { title: 'Secret', body: 'b' })).body.data.tid;
      const live = (await published(alice, 'Public')).id;
      const before = await t.prisma.tutorial.findUniqueOrThrow({ where: { id: live } });

      expect(codes([await change(bob, draft, { title: 'x' }), await change(bob, draft, { status: 'PENDING' })])).toEqual([1052, 1052]);
      const refused = [
        await change(bob, live, { title: 'x' }),
        await change(bob, live, { status: 'DRAFT' }),
        await change(moderator, live, { body: 'rewritten' }),
      ];
      expect(codes(refused)).toEqual([1042, 1042, 1042]);
      expect(refused[0].status).toBe(403);

      // A group without tutorial.write but with tutorial.publish moderates and writes nothing.
      const reviewer = await account('reviewer');
      expect((await change(reviewer, live, { title: 'x' })).body.code).toBe(1042);
      expect((await change(reviewer, live, { status: 'HIDDEN' })).body.data.status).toBe('HIDDEN');
      await change(reviewer, live, { status: 'PUBLISHED' });

      // An author whose group loses tutorial.write can no longer change their tutorials.
      await t.prisma.user.update({ where: { id: alice.id }, data: { group: { connect: { name: 'banned' } } } });
      const muted = { ...alice, headers: await loginAs(t.http, alice.username, PASSWORD) };
      expect(codes([await change(muted, live, { body: 'b2' }), await change(muted, draft, { status: 'PENDING' })])).toEqual([1042, 1042]);
      expect((await open(draft, muted)).body.data.status).toBe('DRAFT');
      expect(await t.prisma.tutorial.findUniqueOrThrow({ where: { id: live } })).toMatchObject({
        title: before.title,
        body: before.body,
        status: 'PUBLISHED',
      });
    });

    it('keeps a take-down when the author edits at the same moment (the row is locked from check to write)', async () => {
      const alice = await account();
      const contested = await Promise.all(Array.from({ length: 30 }, (_, i) => published(alice, `Contested ${i}`)));
      const responses = await Promise.all(
        contested.flatMap(({ id }, i) => [change(alice, id, { body: `edit ${i}` }), change(moderator, id, { status: 'HIDDEN' })]),
      );
      expect(codes(responses).every((code) => code === 0)).toBe(true);
      const after = await t.prisma.tutorial.findMany({ where: { id: { in: contested.map(({ id }) => id) } }, orderBy: { title: 'asc' } });
      expect(after.map((row) => row.status)).toEqual(contested.map(() => 'HIDDEN'));
      expect(after.every((row) => row.body === `edit ${row.title.slice('Contested '.length)}`)).toBe(true);
    });

    it('refuses malformed tutorials and changes with catalogue codes', async () => {
      const alice = await account();
      const tid = (await write(alice, { title: 't', body: 'b' })).body.data.tid;
      const cases: [Promise<TestResponse>, number][] = [
        [write(alice, { body: 'b' }), 1011],
        [write(alice, { title: 't' }), 1011],
        [write(alice, { title: '   ', body: 'b' }), 1011],
        [write(alice, { title: 't', body: '' }), 1011],
        [write(alice, { title: 't', body: ' \n\t ' }), 1011],
        [write(alice, { title: '字'.repeat(101), body: 'b' }), 1074],
        [write(alice, { title: 't', body: 'b'.repeat(100_001) }), 1074],
        [write(alice, { title: 5, body: 'b' }), 1074],
        [write(alice, { title: 't', body: ['b'] }), 1074],
        [write(alice, { title: 't', body: 'b', publish: 'yes' }), 1074],
        [write(alice, { title: 't', body: 'b', status: 'PUBLISHED' }), 1074],
        [change(alice, tid, {}), 1011],
        [change(alice, tid, { title: null }), 1011],
        [change(alice, tid, { title: ' ' }), 1011],
        [change(alice, tid, { status: 'GONE' }), 1043],
        [change(alice, tid, { status: 'published' }), 1043],
        [change(alice, tid, { views: 1000 }), 1074],
        [change(alice, 'not-a-tid', { title: 'x' }), 1052],
        [change(alice, '00000000-0000-4000-8000-000000000000', { title: 'x' }), 1052],
        [open('not-a-tid'), 1052],
        [open('00000000-0000-4000-8000-000000000000'), 1052],
      ];
      const responses = await Promise.all(cases.map(([response]) => response));
      expect(codes(responses)).toEqual(cases.map(([, code]) => code));
      expect((await open(tid, alice)).body.data).toMatchObject({ title: 't', body: 'b', status: 'DRAFT' });

      const longest = await write(alice, { title: '字'.repeat(100), body: '🌸'.repeat(100_000) });
      expect(longest.body.code).toBe(0);
      expect([...longest.body.data.body]).toHaveLength(100_000);
    });
  });

  describe('reading', () => {
    it('needs an app, not a session; a session that is sent must be valid (1031)', async () => {
      const alice = await account();
      const tid = (await published(alice, 'Open to all')).id;
      expect((await t.http.get(`${TUTORIALS}/${tid}`)).body.code).toBe(1011);
      expect((await t.http.get(TUTORIALS, { headers: { 'x-app-id': 'nope' } })).body.code).toBe(1013);
      expect((await open(tid)).body.data.title).toBe('Open to all');
      for (const authorization of ['Bearer nonsense', `Bearer ${alice.id}.${'x'.repeat(43)}`]) {
        const refused = await t.http.get(`${TUTORIALS}/${tid}`, { headers: { ...WEB, authorization } });
        expect(refused.status).toBe(401);
        expect(refused.body.code).toBe(1031);
        expect((await t.http.get(TUTORIALS, { headers: { ...WEB, authorization } })).body.code).toBe(1031);
      }
    });

    it('counts a reader once even when 50 readings race; anonymous readers and the author count nothing', async () => {
      const [alice, bob, carol] = [await account(), await account(), await account()];
      const tid = (await published(alice, 'Popular')).id;
      const readings = await Promise.all(Array.from({ length: 50 }, () => open(tid, bob)));
      expect(readings.every((r) => r.body.code === 0)).toBe(true);
      expect(new Set(readings.map((r) => r.body.data.views))).toEqual(new Set([1]));
      expect(await t.prisma.tutorialView.count({ where: { tutorialId: tid } })).toBe(1);

      await open(tid);
      await open(tid, alice);
      expect((await t.prisma.tutorial.findUniqueOrThrow({ where: { id: tid } })).views).toBe(1);
      expect((await open(tid, carol)).body.data.views).toBe(2);
      expect(
        await t.prisma.tutorialView.findMany({ where: { tutorialId: tid }, select: { userId: true }, orderBy: { viewedAt: 'asc' } }),
      ).toEqual([{ userId: bob.id }, { userId: carol.id }]);
    });

    it('lists by hot, new and views, computed from views and publication time', async () => {
      const author = await account();
      // hot = views / (hours + 2)^1.5: alpha 1.92, steady 1.20, classic 0.49, new and quiet 0 (newest first)
      await published(author, 'Hot alpha', { views: 10, hoursAgo: 1, body: '🌸'.repeat(250) });
      await published(author, 'Old classic 100%', { views: 500, hoursAgo: 100 });
      await published(author, 'Brand new', { views: 0, hoursAgo: 0.1 });
      await published(author, 'Steady read', { views: 50, hoursAgo: 10 });
      await published(author, 'Quiet corner', { views: 0, hoursAgo: 50 });
      await write(author, { title: 'Unfinished', body: 'b' });
      const by = (query: string) => list(`condition=author:${author.id};${query}`);

      expect(titles(await by('sort:new'))).toEqual(['Brand new', 'Hot alpha', 'Steady read', 'Quiet corner', 'Old classic 100%']);
      expect(titles(await list(`condition=author:${author.id}`))).toEqual(titles(await by('sort:new')));
      expect(titles(await by('sort:views'))).toEqual(['Old classic 100%', 'Steady read', 'Hot alpha', 'Brand new', 'Quiet corner']);
      expect(titles(await by('sort:hot'))).toEqual(['Hot alpha', 'Steady read', 'Old classic 100%', 'Brand new', 'Quiet corner']);
      expect(titles(await list(`condition=author:${author.id};sort:views&pageSize=2&page=2`))).toEqual(['Hot alpha', 'Brand new']);
      expect(titles(await list(`condition=author:${author.id}&pageSize=2&page=3`))).toEqual(['Old classic 100%']);
      expect((await list(`condition=author:${author.id}&page=4&pageSize=2`)).body.data).toEqual([]);

      const items = (await by('sort:hot')).body.data;
      expect(items[0]).toEqual({
        tid: expect.any(String),
        title: 'Hot alpha',
        excerpt: '🌸'.repeat(200),
        tags: [],
        cover: null,
        author: { uuid: author.id, username: author.username, nickname: expect.any(String) },
        views: 10,
        likes: 0,
        liked: false,
        publishedAt: expect.any(String),
      });
      expect(
        items.every(
          (item: Record<string, unknown>) => !('body' in item) && !('html' in item) && [...(item.excerpt as string)].length <= 200,
        ),
      ).toBe(true);
    });

    it('searches words case-insensitively and literally (% and _ match themselves)', async () => {
      const author = await account();
      await published(author, 'Hot alpha');
      await published(author, 'Fifty 50% off');
      await published(author, 'Alphabet soup');
      const q = async (words: string) => titles(await list(`condition=author:${author.id};q:${encodeURIComponent(words)};sort:new`));
      expect((await q('ALPHA')).sort()).toEqual(['Alphabet soup', 'Hot alpha']);
      expect(await q('50%')).toEqual(['Fifty 50% off']);
      expect(await q('%')).toEqual(['Fifty 50% off']);
      expect(await q('_')).toEqual([]);
      const everyone = titles(await list(`condition=q:${encodeURIComponent('fifty 50%')}&pageSize=100`));
      expect(everyone).toEqual(['Fifty 50% off']);
    });

    it('lists only published tutorials to everyone; the queues to publishers, and drafts to their author', async () => {
      const alice = await account();
      const live = (await published(alice, 'Listed')).id;
      const draft = (await write(alice, { title: 'Mine only', body: 'b' })).body.data.tid;
      const pending = (await write(alice, { title: 'Waiting', body: 'b', publish: true })).body.data.tid;
      const tids = (response: TestResponse): string[] => response.body.data.map((item: { tid: string }) => item.tid);

      const everyone = tids(await list(`condition=author:${alice.id}`));
      expect(everyone).toEqual([live]);
      expect(tids(await list(`condition=author:${alice.id};status:DRAFT`, alice))).toEqual([draft]);
      expect(tids(await list(`condition=author:${alice.id};status:PENDING`, moderator))).toEqual([pending]);
      expect(tids(await list('condition=status:PUBLISHED&pageSize=100'))).toContain(live);

      const bob = await account();
      const anonymous = await list('condition=status:PENDING');
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.code).toBe(1030);
      const member = await list(`condition=status:DRAFT;author:${alice.id}`, bob);
      expect(member.status).toBe(403);
      expect(member.body.code).toBe(1042);
      expect((await list('condition=status:HIDDEN', bob)).body.code).toBe(1042);
    });

    it('answers 1045 for an invalid condition or page', async () => {
      for (const query of [
        'condition=sort:best',
        'condition=sort:HOT',
        'condition=author:bob',
        'condition=status:GONE',
        'condition=views:10',
        'condition=sort:new;sort:hot',
        'condition=q:',
        `condition=q:${'x'.repeat(101)}`,
        'page=0',
        'page=x',
        'page=1e20',
        'pageSize=0',
        'pageSize=101',
      ]) {
        const response = await list(query);
        expect({ query, status: response.status, code: response.body.code }).toEqual({ query, status: 400, code: 1045 });
      }
    });
  });
});

describe('tutorial recommendations', () => {
  let t: TestApp;
  const { account, open, published } = tutorialsClient(() => t, PASSWORD);
  const recommended = (reader: Account, query = '') => t.http.get(`${TUTORIALS}/recommended?${query}`, { headers: reader.headers });

  beforeAll(async () => {
    t = await createTestApp({ env: ENV });
  });
  afterAll(() => t.close());

  it('needs a session (1030)', async () => {
    expect((await t.http.get(`${TUTORIALS}/recommended`, { headers: WEB })).body.code).toBe(1030);
  });

  it('offers what others published and the reader has not read, hottest first, until there is nothing left (1055)', async () => {
    const [alice, bob, reader] = [await account(), await account(), await account()];
    await published(alice, 'Warm', { views: 5, hoursAgo: 2 });
    await published(bob, 'Hottest', { views: 40, hoursAgo: 3 });
    await published(alice, 'Cold', { views: 1, hoursAgo: 48 });
    await published(reader, 'My own', { views: 90, hoursAgo: 1 });
    const draft = await t.prisma.tutorial.create({ data: { authorId: bob.id, title: 'Unpublished', body: 'b' } });

    const first = await recommended(reader);
    expect(titles(first)).toEqual(['Hottest', 'Warm', 'Cold']);
    expect(first.body.data[0]).not.toHaveProperty('body');
    expect(titles(await recommended(reader, 'pageSize=1&page=2'))).toEqual(['Warm']);
    expect(titles(await recommended(alice))).toEqual(['My own', 'Hottest']);

    await open(first.body.data[0].tid, reader);
    expect(titles(await recommended(reader))).toEqual(['Warm', 'Cold']);
    for (const item of first.body.data.slice(1)) await open(item.tid, reader);
    expect((await open(draft.id, reader)).body.code).toBe(1052);

    const exhausted = await recommended(reader);
    expect(exhausted.status).toBe(404);
    expect(exhausted.body.code).toBe(1055);
    expect((await recommended(alice, 'page=3')).body.code).toBe(1055);
    expect(codes([await recommended(alice, 'condition=sort:new'), await recommended(alice, 'page=0')])).toEqual([1074, 1045]);
  });
});

describe('tutorial limits per author', () => {
  const PER_HOUR = 5;
  const EDITS_PER_HOUR = 4;
  const PENDING = 2;
  const BODY_MAX = 1000;
  let t: TestApp;
  const { account, write, change } = tutorialsClient(() => t, PASSWORD);
  const rows = (author: Account, status?: TutorialStatus) => t.prisma.tutorial.count({ where: { authorId: author.id, status } });
  const drafts = (author: Account, n: number) =>
    Promise.all(
      Array.from({ length: n }, (_, i) => t.prisma.tutorial.create({ data: { authorId: author.id, title: `draft ${i}`, body: 'b' } })),
    );

  beforeAll(async () => {
    t = await createTestApp({
      env: {
        ...ENV,
        TUTORIAL_LIMIT_PER_HOUR: String(PER_HOUR),
        TUTORIAL_EDIT_LIMIT_PER_HOUR: String(EDITS_PER_HOUR),
        TUTORIAL_PENDING_LIMIT: String(PENDING),
        TUTORIAL_BODY_MAX_LENGTH: String(BODY_MAX),
      },
    });
  });
  afterAll(() => t.close());

  it(`creates at most ${PER_HOUR} tutorials an hour per author, even when 20 creations race (1075)`, async () => {
    const spammer = await account();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => write(spammer, { title: `spam ${i}`, body: 'x'.repeat(BODY_MAX) })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(PER_HOUR);
    const limited = results.filter((r) => r.body.code === 1075);
    expect(limited).toHaveLength(20 - PER_HOUR);
    expect(limited[0].status).toBe(429);
    expect(Number(limited[0].headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(limited[0].headers.get('retry-after'))).toBeLessThanOrEqual(3600);
    expect(await rows(spammer)).toBe(PER_HOUR);
    // The limit is the author's: another writes at once.
    expect((await write(await account(), { title: 'mine', body: 'b' })).status).toBe(201);
  });

  it(`keeps at most ${PENDING} of an author's tutorials waiting for a publisher when creations race (1060)`, async () => {
    const eager = await account();
    const results = await Promise.all(
      Array.from({ length: PER_HOUR }, (_, i) => write(eager, { title: `please ${i}`, body: 'b', publish: true })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(PENDING);
    const refused = results.filter((r) => r.body.code === 1060);
    expect(refused).toHaveLength(PER_HOUR - PENDING);
    expect(refused[0].status).toBe(403);
    expect(await rows(eager, TutorialStatus.PENDING)).toBe(PENDING);
    expect(await rows(eager)).toBe(PENDING);
  });

  it(`holds the cap when 20 drafts are sent to the queue at once, and frees a place once a publisher decides`, async () => {
    const author = await account();
    const publisher = await account('moderator');
    const mine = await drafts(author, 20);
    const asked = await Promise.all(mine.map((draft) => change(author, draft.id, { status: 'PENDING' })));
    expect(asked.filter((r) => r.body.code === 0)).toHaveLength(PENDING);
    expect(asked.filter((r) => r.body.code === 1060)).toHaveLength(20 - PENDING);
    expect(await rows(author, TutorialStatus.PENDING)).toBe(PENDING);
    expect(await rows(author, TutorialStatus.DRAFT)).toBe(20 - PENDING);

    // An edit of a published tutorial goes back to the queue, so it needs a place too.
    const queued = asked.filter((r) => r.body.code === 0).map((r) => r.body.data.tid as string);
    expect((await change(publisher, queued[0], { status: 'PUBLISHED' })).body.data.status).toBe('PUBLISHED');
    expect((await change(publisher, queued[1], { status: 'PUBLISHED' })).body.data.status).toBe('PUBLISHED');
    const waiting = mine.filter((draft) => !queued.includes(draft.id));
    expect((await change(author, waiting[0].id, { status: 'PENDING' })).body.data.status).toBe('PENDING');
    expect((await change(author, waiting[1].id, { status: 'PENDING' })).body.data.status).toBe('PENDING');
    const edit = await change(author, queued[0], { body: 'better' });
    expect(edit.body.code).toBe(1060);
    expect(await t.prisma.tutorial.findUniqueOrThrow({ where: { id: queued[0] } })).toMatchObject({ status: 'PUBLISHED', body: 'b' });
    // Drafts are not queued: editing them is not limited; publishers are not limited.
    expect((await change(author, waiting[2].id, { body: 'still a draft' })).body.data.status).toBe('DRAFT');
    expect((await write(publisher, { title: 'published at once', body: 'b', publish: true })).body.data.status).toBe('PUBLISHED');
    expect((await change(publisher, waiting[3].id, { status: 'PENDING' })).body.data.status).toBe('PENDING');
  });

  it(`edits content at most ${EDITS_PER_HOUR} times an hour per author, even when 20 edits race (1075); a status alone is not counted`, async () => {
    await awayFromWindowEnd(3600);
    const editor = await account();
    const [draft] = await drafts(editor, 1);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => change(editor, draft.id, { body: `version ${i} `.repeat(BODY_MAX / 20) })),
    );
    const accepted = results.filter((r) => r.body.code === 0);
    expect(accepted).toHaveLength(EDITS_PER_HOUR);
    const limited = results.filter((r) => r.body.code === 1075);
    expect(limited).toHaveLength(20 - EDITS_PER_HOUR);
    expectLimited(limited[0], 3600);
    const stored = await t.prisma.tutorial.findUniqueOrThrow({ where: { id: draft.id } });
    expect(accepted.map((r) => r.body.data.body)).toContain(stored.body);

    // Every content field counts; the status alone does not, nor does another author's budget.
    expect(codes([await change(editor, draft.id, { title: 'renamed' }), await change(editor, draft.id, { tags: ['x'] })])).toEqual([
      1075, 1075,
    ]);
    expect((await change(editor, draft.id, { status: 'PENDING' })).body.data.status).toBe('PENDING');
    expect((await t.prisma.tutorial.findUniqueOrThrow({ where: { id: draft.id } })).title).toBe('draft 0');
    const other = await account();
    const [theirs] = await drafts(other, 1);
    expect((await change(other, theirs.id, { body: 'fine' })).body.code).toBe(0);
  });

  it(`refuses bodies longer than TUTORIAL_BODY_MAX_LENGTH (${BODY_MAX} characters) with 1074, in writing and in editing`, async () => {
    const alice = await account();
    const tid = (await write(alice, { title: 'short', body: '🌸'.repeat(BODY_MAX) })).body.data.tid;
    const tooLong = '🌸'.repeat(BODY_MAX + 1);
    const refused = [await write(alice, { title: 'long', body: tooLong }), await change(alice, tid, { body: tooLong })];
    expect(refused.map((r) => [r.status, r.body.code])).toEqual([
      [400, 1074],
      [400, 1074],
    ]);
    expect([...(await t.prisma.tutorial.findUniqueOrThrow({ where: { id: tid } })).body]).toHaveLength(BODY_MAX);
    expect(await rows(alice)).toBe(1);
    // A refused body does not count against the hourly limit.
    const rest = await Promise.all(Array.from({ length: PER_HOUR - 1 }, (_, i) => write(alice, { title: `ok ${i}`, body: 'b' })));
    expect(codes(rest)).toEqual(Array(PER_HOUR - 1).fill(0));
  });
});
