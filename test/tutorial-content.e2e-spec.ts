import { TutorialStatus } from '../src/generated/prisma/client';
import { tutorialPageQuery } from '../src/tutorials/tutorial-page.query';
import { WEB } from './support/fixtures';
import { TestResponse } from './support/http-client';
import { createTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { Account, titles, TUTORIALS, tutorialsClient } from './support/tutorials-client';

const PASSWORD = 'content-pass-2026';
const ENV = { BCRYPT_COST: '4', LOGIN_LIMIT_PER_IP: '0', RATE_LIMIT_PER_IP: '0', TUTORIAL_LIMIT_PER_HOUR: '0' };
/** A 1x1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

const codes = (responses: TestResponse[]): number[] => responses.map((r) => r.body.code);

function client(t: () => TestApp) {
  const shared = tutorialsClient(t, PASSWORD);
  const upload = async (owner: Account, bytes: Buffer, type: string): Promise<string> => {
    const form = new FormData();
    form.append('type', type);
    form.append('file', new Blob([bytes]), `cover.${type}`);
    const response = await t().http.post('/api/v1/files', form, { headers: owner.headers });
    if (response.status !== 201) throw new Error(`upload failed: ${response.text}`);
    return response.body.data.flid;
  };
  return { ...shared, upload };
}

describe('tutorial content', () => {
  let t: TestApp;
  const { account, write, change, open, list, search, published, upload } = client(() => t);
  let moderator: Account;

  beforeAll(async () => {
    t = await createTestApp({ env: ENV });
    moderator = await account('moderator');
  });
  afterAll(() => t.close());

  describe('tags, excerpt and rendered markdown', () => {
    it('normalizes tags, renders sanitized HTML beside the markdown as written, and takes the excerpt from the text', async () => {
      const alice = await account();
      const body =
        '# Signing\n\nSend **four** headers.<script>alert(1)</script>\n\n<img src=x onerror=alert(1)> [x](javascript:alert(1)) ![y](data:image/png;base64,AAAA)';
      const created = await write(alice, {
        title: 'Signing',
        body,
        tags: ['Signing', ' Node.js ', 'signing', 'ＡＰＩ', 'machine  learning', '入门'],
      });
      expect(created.status).toBe(201);
      const data = created.body.data;
      expect(data).toMatchObject({
        body,
        tags: ['signing', 'node.js', 'api', 'machine-learning', '入门'],
        cover: null,
        likes: 0,
        liked: false,
      });
      expect(data.html).toContain('<h1>Signing</h1>');
      expect(data.html).toContain('<strong>four</strong>');
      expect(data.html).not.toMatch(/<script|\son\w+=|href="javascript:|src="data:/i);
      expect(data.html).toContain('<img src="x" />');
      expect(data.excerpt).toBe('Signing Send four headers. [x](javascript:alert(1))');
      const row = await t.prisma.tutorial.findUniqueOrThrow({ where: { id: data.tid } });
      expect(row).toMatchObject({ body, html: data.html, summary: data.excerpt, excerpt: null });
      expect((await open(data.tid, alice)).body.data).toMatchObject({ body, html: data.html, excerpt: data.excerpt });
    });

    it('keeps the author’s own excerpt, through body edits, until it is removed (null)', async () => {
      const alice = await account();
      const { tid } = (await write(alice, { title: 'Excerpted', body: 'The body text.', excerpt: '  In one line.  ' })).body.data;
      expect((await open(tid, alice)).body.data.excerpt).toBe('In one line.');
      expect((await change(alice, tid, { body: 'A **new** body.' })).body.data).toMatchObject({
        excerpt: 'In one line.',
        html: '<p>A <strong>new</strong> body.</p>\n',
      });
      expect((await change(alice, tid, { excerpt: null })).body.data.excerpt).toBe('A new body.');
      expect((await change(alice, tid, { tags: [] })).body.data.tags).toEqual([]);
    });

    it('renders a tutorial written before rendering existed at its first reading, and keeps the rendering', async () => {
      const alice = await account();
      const legacy = await published(alice, 'Old one', { body: '## Kept\n\n<iframe src="https://evil.example"></iframe>Text' });
      expect(legacy.html).toBeNull();
      const listed = (await list(`condition=author:${alice.id}`)).body.data[0];
      expect(listed.excerpt).toBe('## Kept\n\n<iframe src="https://evil.example"></iframe>Text');
      const read = (await open(legacy.id)).body.data;
      expect(read.html).toBe('<h2>Kept</h2>\nText');
      expect(read.excerpt).toBe('Kept Text');
      expect(await t.prisma.tutorial.findUniqueOrThrow({ where: { id: legacy.id } })).toMatchObject({
        html: '<h2>Kept</h2>\nText',
        summary: 'Kept Text',
        updatedAt: legacy.updatedAt,
      });
      expect((await list(`condition=author:${alice.id}`)).body.data[0].excerpt).toBe('Kept Text');
    });

    it('sends an author’s tag or excerpt change of a published tutorial back to a publisher, like any edit', async () => {
      const alice = await account();
      const { tid } = (await write(alice, { title: 'Reviewed', body: 'b', tags: ['a'], publish: true })).body.data;
      await change(moderator, tid, { status: 'PUBLISHED' });
      expect((await change(alice, tid, { tags: ['A'] })).body.data.status).toBe('PUBLISHED');
      expect((await change(alice, tid, { tags: ['b'] })).body.data.status).toBe('PENDING');
      await change(moderator, tid, { status: 'PUBLISHED' });
      expect((await change(alice, tid, { excerpt: 'new words' })).body.data.status).toBe('PENDING');
    });

    it('refuses bad tags and excerpts with 1074, and an empty change with 1011', async () => {
      const alice = await account();
      const tid = (await write(alice, { title: 't', body: 'b' })).body.data.tid;
      const cases: [Promise<TestResponse>, number][] = [
        [write(alice, { title: 't', body: 'b', tags: Array.from({ length: 9 }, (_, i) => `t${i}`) }), 1074],
        [write(alice, { title: 't', body: 'b', tags: ['ok', 'not/ok'] }), 1074],
        [write(alice, { title: 't', body: 'b', tags: ['x'.repeat(33)] }), 1074],
        [write(alice, { title: 't', body: 'b', tags: [''] }), 1074],
        [write(alice, { title: 't', body: 'b', tags: 'one' }), 1074],
        [write(alice, { title: 't', body: 'b', tags: [5] }), 1074],
        [write(alice, { title: 't', body: 'b', excerpt: 'e'.repeat(201) }), 1074],
        [write(alice, { title: 't', body: 'b', excerpt: '   ' }), 1074],
        [change(alice, tid, { tags: ['<b>'] }), 1074],
        [change(alice, tid, { tags: null, title: null }), 1011],
      ];
      expect(codes(await Promise.all(cases.map(([response]) => response)))).toEqual(cases.map(([, code]) => code));
      expect(await t.prisma.tutorial.count({ where: { authorId: alice.id } })).toBe(1);
      // Eight tags that are nine before duplicates go is still at most eight.
      const eight = await write(alice, { title: 't', body: 'b', tags: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] });
      expect(eight.body.data.tags).toHaveLength(8);
    });
  });

  describe('covers', () => {
    it('takes one of the author’s own PNG, JPEG, GIF or WebP files and serves it to whoever may read the tutorial', async () => {
      const alice = await account();
      const flid = await upload(alice, PNG, 'PNG');
      const created = await write(alice, { title: 'With a cover', body: 'b', cover: flid });
      expect(created.body.data.cover).toBe(flid);
      const { tid } = created.body.data;

      // A draft's cover is its author's alone.
      expect((await t.http.get(`${TUTORIALS}/${tid}/cover`, { headers: WEB })).body.code).toBe(1052);
      const own = await t.http.get(`${TUTORIALS}/${tid}/cover`, { headers: alice.headers });
      expect(own.status).toBe(200);
      await change(moderator, tid, { status: 'PUBLISHED' });
      const response = await fetch(`${t.http.baseUrl}${TUTORIALS}/${tid}/cover`, { headers: WEB });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(Buffer.from(await response.arrayBuffer())).toEqual(PNG);
      const head = await fetch(`${t.http.baseUrl}${TUTORIALS}/${tid}/cover`, { method: 'HEAD', headers: WEB });
      expect([head.status, head.headers.get('content-length'), (await head.arrayBuffer()).byteLength]).toEqual([
        200,
        String(PNG.length),
        0,
      ]);
      expect((await list(`condition=author:${alice.id}`)).body.data[0].cover).toBe(flid);

      expect((await change(alice, tid, { cover: null })).body.data.cover).toBeNull();
      const none = await t.http.get(`${TUTORIALS}/${tid}/cover`, { headers: alice.headers });
      expect([none.status, none.body.code]).toEqual([404, 1048]);
    });

    it('refuses another’s file (1048), a deleted one (1051) and anything that is not such an image (1047)', async () => {
      const [alice, bob] = [await account(), await account()];
      const bobs = await upload(bob, PNG, 'png');
      const deleted = await upload(alice, PNG, 'png');
      await t.http.delete(`/api/v1/files/${deleted}`, { headers: alice.headers });
      const text = await upload(alice, Buffer.from('<svg onload="alert(1)"></svg>'), 'png');
      const svg = await upload(alice, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'svg');
      const declaredText = await upload(alice, PNG, 'txt');
      const tid = (await write(alice, { title: 'Coverless', body: 'b' })).body.data.tid;
      const cases: [Promise<TestResponse>, number][] = [
        [write(alice, { title: 't', body: 'b', cover: bobs }), 1048],
        [write(alice, { title: 't', body: 'b', cover: 'not-a-flid' }), 1048],
        [write(alice, { title: 't', body: 'b', cover: '00000000-0000-4000-8000-000000000000' }), 1048],
        [write(alice, { title: 't', body: 'b', cover: deleted }), 1051],
        [write(alice, { title: 't', body: 'b', cover: text }), 1047],
        [write(alice, { title: 't', body: 'b', cover: svg }), 1047],
        [write(alice, { title: 't', body: 'b', cover: declaredText }), 1047],
        [change(alice, tid, { cover: bobs }), 1048],
      ];
      expect(codes(await Promise.all(cases.map(([response]) => response)))).toEqual(cases.map(([, code]) => code));
      expect(await t.prisma.tutorial.count({ where: { authorId: alice.id } })).toBe(1);
      expect((await t.prisma.tutorial.findUniqueOrThrow({ where: { id: tid } })).coverFileId).toBeNull();
    });

    it('answers 1051 for a cover whose file its owner deleted', async () => {
      const alice = await account();
      const flid = await upload(alice, PNG, 'png');
      const { tid } = (await write(moderator, { title: 'Borrowed', body: 'b', publish: true })).body.data;
      await t.prisma.tutorial.update({ where: { id: tid }, data: { coverFileId: flid } });
      expect((await fetch(`${t.http.baseUrl}${TUTORIALS}/${tid}/cover`, { headers: WEB })).status).toBe(200);
      await t.http.delete(`/api/v1/files/${flid}`, { headers: alice.headers });
      const gone = await t.http.get(`${TUTORIALS}/${tid}/cover`, { headers: WEB });
      expect([gone.status, gone.body.code]).toEqual([410, 1051]);
    });
  });

  describe('likes', () => {
    const like = (who: Account, tid: string) => t.http.request('PUT', `${TUTORIALS}/${tid}/like`, { headers: who.headers });
    const unlike = (who: Account, tid: string) => t.http.delete(`${TUTORIALS}/${tid}/like`, { headers: who.headers });
    const rows = (tid: string) => t.prisma.tutorialLike.count({ where: { tutorialId: tid } });
    const count = async (tid: string) => (await t.prisma.tutorial.findUniqueOrThrow({ where: { id: tid } })).likes;

    it('counts one like per user, shows the caller whether they like it, and takes it back', async () => {
      const [alice, bob, carol] = [await account(), await account(), await account()];
      const tid = (await published(alice, 'Likeable')).id;
      expect((await like(bob, tid)).body.data).toEqual({ likes: 1, liked: true });
      expect((await like(bob, tid)).body.data).toEqual({ likes: 1, liked: true });
      expect((await like(carol, tid)).body.data).toEqual({ likes: 2, liked: true });
      expect((await open(tid, bob)).body.data).toMatchObject({ likes: 2, liked: true });
      expect((await open(tid, alice)).body.data).toMatchObject({ likes: 2, liked: false });
      expect((await open(tid)).body.data).toMatchObject({ likes: 2, liked: false });
      const listed = (caller?: Account) => list(`condition=author:${alice.id}`, caller);
      expect((await listed(bob)).body.data[0]).toMatchObject({ likes: 2, liked: true });
      expect((await listed()).body.data[0]).toMatchObject({ likes: 2, liked: false });

      expect((await unlike(bob, tid)).body.data).toEqual({ likes: 1, liked: false });
      expect((await unlike(bob, tid)).body.data).toEqual({ likes: 1, liked: false });
      expect((await listed(bob)).body.data[0]).toMatchObject({ likes: 1, liked: false });
      expect([await rows(tid), await count(tid)]).toEqual([1, 1]);
    });

    it('likes only published tutorials (1052), and needs a session (1030)', async () => {
      const [alice, bob] = [await account(), await account()];
      const draft = (await write(alice, { title: 'Draft', body: 'b' })).body.data.tid;
      const hidden = (await published(alice, 'Hidden')).id;
      await change(moderator, hidden, { status: 'HIDDEN' });
      const responses = [
        await like(bob, draft),
        await like(alice, draft),
        await like(bob, hidden),
        await unlike(bob, hidden),
        await like(bob, 'nope'),
        await like(bob, '00000000-0000-4000-8000-000000000000'),
      ];
      expect(codes(responses)).toEqual([1052, 1052, 1052, 1052, 1052, 1052]);
      expect(responses[0].status).toBe(404);
      expect((await t.http.request('PUT', `${TUTORIALS}/${hidden}/like`, { headers: WEB })).body.code).toBe(1030);
      expect(await t.prisma.tutorialLike.count({ where: { tutorialId: { in: [draft, hidden] } } })).toBe(0);
    });

    it('counts a user once however many likes race, and every user once when many like at the same moment', async () => {
      const alice = await account();
      const tid = (await published(alice, 'Raced')).id;
      const eager = await account();
      const same = await Promise.all(Array.from({ length: 40 }, () => like(eager, tid)));
      expect(codes(same).every((code) => code === 0)).toBe(true);
      expect([await rows(tid), await count(tid)]).toEqual([1, 1]);

      const crowd = await Promise.all(Array.from({ length: 15 }, () => account()));
      const all = await Promise.all(crowd.flatMap((who) => [like(who, tid), like(who, tid)]));
      expect(codes(all).every((code) => code === 0)).toBe(true);
      expect([await rows(tid), await count(tid)]).toEqual([16, 16]);

      // Likes and unlikes of the same users interleaved: the count is the rows, whatever the order.
      await Promise.all(crowd.flatMap((who, i) => [unlike(who, tid), like(who, tid), ...(i % 2 ? [unlike(who, tid)] : [])]));
      expect(await count(tid)).toBe(await rows(tid));
    });
  });

  describe('tags list and filter', () => {
    let tagger: Account;

    beforeAll(async () => {
      tagger = await account();
      await published(tagger, 'One', { tags: ['zeta-tag', 'common-tag'] });
      await published(tagger, 'Two', { tags: ['common-tag', 'rare-tag'] });
      await published(tagger, 'Three', { tags: ['common-tag', 'zeta-tag'] });
      const draft = await published(tagger, 'Unlisted', { tags: ['common-tag', 'draft-only'] });
      await t.prisma.tutorial.update({ where: { id: draft.id }, data: { status: TutorialStatus.DRAFT } });
    });

    it('counts the tags of published tutorials, most used first, filtered and paged', async () => {
      const tags = (query = '') => t.http.get(`${TUTORIALS}/tags?${query}`, { headers: WEB });
      expect((await tags('condition=q:-TAG&pageSize=100')).body.data).toEqual([
        { tag: 'common-tag', count: 3 },
        { tag: 'zeta-tag', count: 2 },
        { tag: 'rare-tag', count: 1 },
      ]);
      expect((await tags('condition=q:-tag&pageSize=1&page=2')).body.data).toEqual([{ tag: 'zeta-tag', count: 2 }]);
      expect((await tags('condition=q:-tag&pageSize=2&page=3')).body.data).toEqual([]);
      expect((await tags('condition=q:draft-only')).body.data).toEqual([]);
      expect((await tags('condition=q:%')).body.data).toEqual([]);
      expect(codes([await tags('condition=tag:x'), await tags('condition=q:'), await tags('page=0'), await tags('pageSize=101')])).toEqual([
        1045, 1045, 1045, 1045,
      ]);
    });

    it('filters the list by one tag, normalized as tags are', async () => {
      const by = (tag: string) => list(`condition=author:${tagger.id};tag:${encodeURIComponent(tag)};sort:new`);
      expect(titles(await by('zeta-tag'))).toEqual(['One', 'Three'].sort((a, b) => (a === 'One' ? 1 : -1) - (b === 'One' ? 1 : -1)));
      expect(titles(await by('Rare-Tag'))).toEqual(['Two']);
      expect(titles(await by('ＲＡＲＥ-tag'))).toEqual(['Two']);
      expect(titles(await by('draft-only'))).toEqual([]);
      expect(codes([await by('a/b'), await by('')])).toEqual([1045, 1045]);
    });
  });

  describe('search', () => {
    let writer: Account;

    beforeAll(async () => {
      writer = await account();
      // Each holds "signature" in one place only: the title, a tag, or the body.
      await published(writer, 'Signature basics', { body: 'How requests are checked.', hoursAgo: 30 });
      await published(writer, 'Request checks', { body: 'Nothing else here.', tags: ['signature'], hoursAgo: 20 });
      await published(writer, 'Replay windows', { body: 'Every signature carries a nonce.', hoursAgo: 10, views: 500 });
      await published(writer, 'Unrelated', { body: 'Checkins and points.', hoursAgo: 5 });
      await published(writer, '签名入门', { body: '每个请求都要签名，服务器验证签名。', tags: ['安全'], hoursAgo: 8 });
      await published(writer, '积分说明', { body: '签到可以获得积分，与签名无关。', hoursAgo: 4 });
      await published(writer, '内容安全', { body: '举报与审核的流程。', hoursAgo: 6 });
      const draft = await published(writer, 'Signature draft', { body: 'Not published.' });
      await t.prisma.tutorial.update({ where: { id: draft.id }, data: { status: TutorialStatus.DRAFT } });
    });

    it('matches English words in titles, tags and bodies, ranked title, then tag, then body', async () => {
      expect(titles(await search('signature'))).toEqual(['Signature basics', 'Request checks', 'Replay windows']);
      expect(titles(await search('SIGNATURE'))).toEqual(['Signature basics', 'Request checks', 'Replay windows']);
      // Every word must appear somewhere; sort:new overrides the ranking.
      expect(titles(await search('signature nonce'))).toEqual(['Replay windows']);
      expect(titles(await search('signature', ';sort:new'))).toEqual(['Replay windows', 'Request checks', 'Signature basics']);
      expect(titles(await search('sig'))).toEqual(['Signature basics', 'Request checks', 'Replay windows']);
      expect(titles(await search('checks', `;author:${writer.id}`))).toEqual(['Request checks']);
      expect(titles(await search('nothing-like-this'))).toEqual([]);
    });

    it('matches Chinese words of any length, ranked the same way', async () => {
      // Two characters: no trigram to look up, the ILIKE alone matches.
      expect(titles(await search('签名'))).toEqual(['签名入门', '积分说明']);
      expect(titles(await search('安全'))).toEqual(['内容安全', '签名入门']);
      expect(titles(await search('服务器验证'))).toEqual(['签名入门']);
      expect(titles(await search('签名 积分'))).toEqual(['积分说明']);
      expect(titles(await search('审'))).toEqual(['内容安全']);
    });

    it('pages the ranked results', async () => {
      const page = (n: number) => list(`condition=q:signature&pageSize=2&page=${n}`);
      expect(titles(await page(1))).toEqual(['Signature basics', 'Request checks']);
      expect(titles(await page(2))).toEqual(['Replay windows']);
      expect((await page(3)).body.data).toEqual([]);
      expect(titles(await list('condition=q:signature&pageSize=1&page=3'))).toEqual(['Replay windows']);
    });

    it('answers 1045 for relevance without words, or too many words', async () => {
      for (const query of [
        'condition=sort:relevance',
        `condition=q:${encodeURIComponent('a b c d e f g h i')}`,
        'condition=q:%20%20',
        'condition=tag:',
      ]) {
        const response = await list(query);
        expect({ query, status: response.status, code: response.body.code }).toEqual({ query, status: 400, code: 1045 });
      }
    });

    it('can find words of three characters or more through the trigram index (its very expression is in the WHERE)', async () => {
      // A table of the benchmark's size, analyzed. A scan of so few rows still costs less than the
      // index, so sequential scans are ruled out to see that the planner can use it at all.
      await t.prisma.$executeRaw`
        INSERT INTO tutorials (author_id, title, body, status, published_at)
        SELECT ${writer.id}::uuid, 'Filler ' || i, repeat('Lorem ipsum dolor sit amet. ', 20 + i % 80), 'PUBLISHED', now()
          FROM generate_series(1, 2000) AS i`;
      await t.prisma.$executeRawUnsafe('ANALYZE tutorials');
      const { text, values } = tutorialPageQuery({ status: TutorialStatus.PUBLISHED, words: [{ text: 'signature' }] }, 'relevance', {
        page: 1,
        pageSize: 20,
      });
      // The other indexes of the table are dropped in a transaction that is rolled back, so the
      // planner chooses between the search index and a scan of every row (ruled out) alone.
      let plan = '';
      await t.prisma
        .$transaction(async (tx) => {
          await tx.$executeRawUnsafe('SET LOCAL enable_seqscan = off');
          const others = await tx.$queryRaw<{ name: string }[]>`
            SELECT indexname AS name FROM pg_indexes
             WHERE tablename = 'tutorials' AND indexname NOT IN ('tutorials_published_search_idx', 'tutorials_pkey')`;
          for (const { name } of others) await tx.$executeRawUnsafe(`DROP INDEX "${name}"`);
          const rows = await tx.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(`EXPLAIN ${text}`, ...values);
          plan = rows.map((row) => row['QUERY PLAN']).join('\n');
          throw new Error('rolled back on purpose');
        })
        .catch((error: Error) => expect(error.message).toBe('rolled back on purpose'));
      expect(plan).toContain('tutorials_published_search_idx');
    });
  });
});

describe('tutorial recommendations by tags', () => {
  let t: TestApp;
  const { account, open, published } = client(() => t);

  beforeAll(async () => {
    t = await createTestApp({ env: ENV });
  });
  afterAll(() => t.close());

  const recommended = (reader: Account, query = '') => t.http.get(`${TUTORIALS}/recommended?${query}`, { headers: reader.headers });

  it('ranks by the tags of what the reader read and liked, then by recent popularity, skipping what they read, like, wrote, and what is hidden', async () => {
    const [author, reader] = [await account(), await account()];
    const read = await published(author, 'Read before', { tags: ['rust', 'async'] });
    const liked = await published(author, 'Liked before', { tags: ['rust', 'wasm'] });
    await published(author, 'Rust and wasm', { tags: ['rust', 'wasm'], views: 1, hoursAgo: 40 });
    await published(author, 'Only async', { tags: ['async'], views: 2, hoursAgo: 30 });
    await published(author, 'Popular, unrelated', { tags: ['cooking'], views: 900, hoursAgo: 2 });
    await published(author, 'Quiet, unrelated', { views: 0, hoursAgo: 50 });
    const hidden = await published(author, 'Hidden rust', { tags: ['rust', 'wasm', 'async'], views: 999 });
    await t.prisma.tutorial.update({ where: { id: hidden.id }, data: { status: TutorialStatus.HIDDEN } });
    await t.prisma.tutorial.create({ data: { authorId: author.id, title: 'Draft rust', body: 'b', tags: ['rust'] } });
    await published(reader, 'Mine, rust', { tags: ['rust', 'wasm'], views: 50 });

    // Nothing read or liked yet: the hottest first.
    expect(titles(await recommended(reader)).slice(0, 3)).toEqual(['Popular, unrelated', 'Only async', 'Rust and wasm']);

    await open(read.id, reader);
    await t.http.request('PUT', `${TUTORIALS}/${liked.id}/like`, { headers: reader.headers });
    // rust: read + liked (2), async: read (1), wasm: liked (1).
    const ranked = titles(await recommended(reader, 'pageSize=100'));
    expect(ranked).toEqual(['Rust and wasm', 'Only async', 'Popular, unrelated', 'Quiet, unrelated']);
    expect(titles(await recommended(reader, 'pageSize=2&page=2'))).toEqual(['Popular, unrelated', 'Quiet, unrelated']);
    expect((await recommended(reader, 'pageSize=2&page=3')).body.code).toBe(1055);

    for (const item of (await recommended(reader, 'pageSize=100')).body.data) await open(item.tid, reader);
    const exhausted = await recommended(reader);
    expect([exhausted.status, exhausted.body.code]).toEqual([404, 1055]);
  });
});

describe('search under the plain C locale', () => {
  // A server whose ctype is plain `C` classifies only ASCII: pg_trgm finds no trigram in Chinese
  // text there, so similarity is 0, yet the ILIKE still matches and the weights still rank.
  let t: TestApp;
  let database: TestDatabase;
  const { account, search, published } = client(() => t);

  beforeAll(async () => {
    database = await createTestDatabase({ plainC: true });
    t = await createTestApp({ env: ENV, databaseUrl: database.url });
  });
  afterAll(async () => {
    await t.close();
    await database.drop();
  });

  it('finds and ranks Chinese and English words as under a Unicode-aware locale', async () => {
    const [{ datctype }] = await t.prisma.$queryRaw<
      { datctype: string }[]
    >`SELECT datctype FROM pg_database WHERE datname = current_database()`;
    expect(datctype).toBe('C');
    const [{ trigrams }] = await t.prisma.$queryRaw<{ trigrams: number }[]>`SELECT cardinality(show_trgm('中文内容教程')) AS trigrams`;
    expect(trigrams).toBe(0);

    const writer = await account();
    await published(writer, '签名入门', { body: '每个请求都要签名。', tags: ['安全'] });
    await published(writer, '积分说明', { body: '签到与签名无关。' });
    await published(writer, '内容安全', { body: '审核流程。' });
    await published(writer, 'Signature basics', { body: 'How requests are checked.' });
    await published(writer, 'Replay windows', { body: 'Every signature carries a nonce.' });
    expect(titles(await search('签名'))).toEqual(['签名入门', '积分说明']);
    expect(titles(await search('安全'))).toEqual(['内容安全', '签名入门']);
    expect(titles(await search('签名请求'))).toEqual([]);
    expect(titles(await search('请求'))).toEqual(['签名入门']);
    expect(titles(await search('Signature'))).toEqual(['Signature basics', 'Replay windows']);
  });
});
