import { UserStatus } from '../src/generated/prisma/client';
import { insertUser, loginAs, WEB } from './support/fixtures';
import { createTestApp, TestApp } from './support/test-app';

const PASSWORD = 'inbox-pass-2026';
const SEND_LIMIT = 5;

describe('inbox messages', () => {
  let t: TestApp;

  async function account(group = 'member'): Promise<{ id: string; headers: Record<string, string> }> {
    const user = await insertUser(t.prisma, { password: PASSWORD, group });
    return { id: user.id, headers: await loginAs(t.http, user.username, PASSWORD) };
  }
  const send = (from: { headers: Record<string, string> }, body: Record<string, unknown>) =>
    t.http.post('/api/v1/messages', body, { headers: from.headers });

  beforeAll(async () => {
    t = await createTestApp({ env: { BCRYPT_COST: '4', MESSAGE_LIMIT_PER_HOUR: String(SEND_LIMIT) } });
  });
  afterAll(() => t.close());

  it('needs a session (1030)', async () => {
    expect((await t.http.get('/api/v1/messages', { headers: WEB })).body.code).toBe(1030);
    expect(
      (await t.http.post('/api/v1/messages', { to: '00000000-0000-4000-8000-000000000000', title: 't', body: 'b' }, { headers: WEB })).body
        .code,
    ).toBe(1030);
  });

  it('delivers to the recipient, who lists, counts, opens (marking it read) and deletes it', async () => {
    const alice = await account();
    const bob = await account();
    const sent = await send(alice, { to: bob.id.toUpperCase(), title: '  你好 👋  ', body: `hello ${'x'.repeat(200)}` });
    expect(sent.status).toBe(201);
    expect(sent.body.data).toMatchObject({ title: '你好 👋', readAt: null, from: { uuid: alice.id } });
    const mgid = sent.body.data.mgid;

    expect((await t.http.get('/api/v1/messages', { headers: alice.headers })).body.data).toEqual([]);
    expect((await t.http.get('/api/v1/messages/unread-count', { headers: bob.headers })).body.data).toEqual({ unread: 1 });
    const inbox = await t.http.get('/api/v1/messages', { headers: bob.headers });
    expect(inbox.body.data).toEqual([expect.objectContaining({ mgid, title: '你好 👋', readAt: null })]);
    expect([...inbox.body.data[0].preview]).toHaveLength(120);
    expect(inbox.body.data[0].body).toBeUndefined();

    const opened = await t.http.get(`/api/v1/messages/${mgid}`, { headers: bob.headers });
    expect(opened.body.data.body).toBe(`hello ${'x'.repeat(200)}`);
    expect(opened.body.data.readAt).not.toBeNull();
    const again = await t.http.get(`/api/v1/messages/${mgid}`, { headers: bob.headers });
    expect(again.body.data.readAt).toBe(opened.body.data.readAt);
    expect((await t.http.get('/api/v1/messages/unread-count', { headers: bob.headers })).body.data).toEqual({ unread: 0 });

    expect((await t.http.delete(`/api/v1/messages/${mgid}`, { headers: bob.headers })).body.code).toBe(0);
    expect(await t.prisma.message.count({ where: { id: mgid } })).toBe(0);
    expect((await t.http.delete(`/api/v1/messages/${mgid}`, { headers: bob.headers })).body.code).toBe(1057);
  });

  it("answers 1057 for someone else's message, and leaves it untouched", async () => {
    const [alice, bob, eve] = [await account(), await account(), await account()];
    const mgid = (await send(alice, { to: bob.id, title: 'private', body: 'for bob only' })).body.data.mgid;
    for (const response of [
      await t.http.get(`/api/v1/messages/${mgid}`, { headers: eve.headers }),
      await t.http.delete(`/api/v1/messages/${mgid}`, { headers: eve.headers }),
      await t.http.get(`/api/v1/messages/${mgid}`, { headers: alice.headers }),
      await t.http.get('/api/v1/messages/not-a-uuid', { headers: bob.headers }),
      await t.http.get('/api/v1/messages/00000000-0000-4000-8000-000000000000', { headers: bob.headers }),
    ]) {
      expect(response.status).toBe(404);
      expect(response.body.code).toBe(1057);
    }
    expect(await t.prisma.message.findUniqueOrThrow({ where: { id: mgid } })).toMatchObject({ readAt: null, recipientId: bob.id });
  });

  it('refuses recipients whose group cannot receive messages (1054), and follows a group edit at once', async () => {
    const alice = await account();
    const muted = await account('banned');
    const refused = await send(alice, { to: muted.id, title: 't', body: 'b' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe(1054);

    const admin = await account('admin');
    const bob = await account('vip');
    const vip = (await t.http.get('/api/v1/admin/groups', { headers: admin.headers })).body.data.find(
      (g: { name: string }) => g.name === 'vip',
    );
    const without = vip.permissions.filter((p: string) => p !== 'message.receive');
    await t.http.patch('/api/v1/admin/groups/vip', { permissions: without }, { headers: admin.headers });
    expect((await send(alice, { to: bob.id, title: 't', body: 'b' })).body.code).toBe(1054);
    await t.http.patch('/api/v1/admin/groups/vip', { permissions: vip.permissions }, { headers: admin.headers });
    expect((await send(alice, { to: bob.id, title: 't', body: 'b' })).body.code).toBe(0);
    expect(await t.prisma.message.count({ where: { recipientId: { in: [muted.id, bob.id] } } })).toBe(1);
  });

  it('refuses senders whose group lacks message.send (1042) — they can still read their inbox', async () => {
    const muted = await account('banned');
    const bob = await account();
    const refused = await send(muted, { to: bob.id, title: 't', body: 'b' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe(1042);
    expect((await t.http.get('/api/v1/messages', { headers: muted.headers })).body.code).toBe(0);
  });

  it('names what is wrong with the recipient: unknown or unverified 1053, locked or banned 1058', async () => {
    const alice = await account();
    const pending = await insertUser(t.prisma, { status: UserStatus.PENDING });
    const locked = await insertUser(t.prisma, { status: UserStatus.LOCKED });
    const banned = await insertUser(t.prisma, { status: UserStatus.BANNED });
    expect((await send(alice, { to: '00000000-0000-4000-8000-000000000000', title: 't', body: 'b' })).body.code).toBe(1053);
    expect((await send(alice, { to: 'bob', title: 't', body: 'b' })).body.code).toBe(1053);
    expect((await send(alice, { to: pending.id, title: 't', body: 'b' })).body.code).toBe(1053);
    expect((await send(alice, { to: locked.id, title: 't', body: 'b' })).body.code).toBe(1058);
    expect((await send(alice, { to: banned.id, title: 't', body: 'b' })).body.code).toBe(1058);
    expect(await t.prisma.message.count({ where: { recipientId: { in: [pending.id, locked.id, banned.id] } } })).toBe(0);
  });

  it('refuses malformed messages with catalogue codes', async () => {
    const alice = await account();
    const bob = await account();
    expect((await send(alice, { title: 't', body: 'b' })).body.code).toBe(1011);
    expect((await send(alice, { to: bob.id, title: '   ', body: 'b' })).body.code).toBe(1011);
    expect((await send(alice, { to: bob.id, title: 't' })).body.code).toBe(1011);
    expect((await send(alice, { to: bob.id, title: '字'.repeat(101), body: 'b' })).body.code).toBe(1074);
    expect((await send(alice, { to: bob.id, title: 't', body: 'b'.repeat(5001) })).body.code).toBe(1074);
    expect((await send(alice, { to: bob.id, title: 't', body: 'b', cc: 'x' })).body.code).toBe(1074);
    expect((await send(alice, { to: bob.id, title: '字'.repeat(100), body: '🌸'.repeat(5000) })).body.code).toBe(0);
  });

  it('filters and pages the inbox by condition (1045 when invalid)', async () => {
    const [alice, carol, bob] = [await account(), await account(), await account()];
    for (const [from, title] of [
      [alice, 'a1'],
      [carol, 'c1'],
      [alice, 'a2'],
    ] as const) {
      await send(from, { to: bob.id, title, body: 'b' });
    }
    const list = async (query: string) => (await t.http.get(`/api/v1/messages?${query}`, { headers: bob.headers })).body;
    expect((await list('')).data.map((m: { title: string }) => m.title)).toEqual(['a2', 'c1', 'a1']);
    expect((await list(`condition=from:${alice.id}`)).data.map((m: { title: string }) => m.title)).toEqual(['a2', 'a1']);
    expect((await list('pageSize=1&page=2')).data.map((m: { title: string }) => m.title)).toEqual(['c1']);

    const a2 = (await list('')).data[0].mgid;
    await t.http.get(`/api/v1/messages/${a2}`, { headers: bob.headers });
    expect((await list('condition=unread:true')).data.map((m: { title: string }) => m.title)).toEqual(['c1', 'a1']);
    expect((await list('condition=unread:false')).data.map((m: { title: string }) => m.title)).toEqual(['a2']);
    expect((await list('condition=since:2000-01-01;until:2000-01-02')).data).toEqual([]);

    for (const bad of [
      'condition=unread:maybe',
      'condition=to:x',
      'condition=from:alice',
      'condition=unread:true;unread:false',
      'page=0',
    ]) {
      const response = await list(bad);
      expect(response.code).toBe(1045);
    }

    const marked = await t.http.post('/api/v1/messages/read-all', undefined, { headers: bob.headers });
    expect(marked.body.data).toEqual({ marked: 2 });
    expect(await t.prisma.message.count({ where: { recipientId: bob.id, readAt: null } })).toBe(0);
  });

  it(`lets a sender send at most ${SEND_LIMIT} an hour, even when 20 sends race`, async () => {
    const spammer = await account();
    const bob = await account();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => send(spammer, { to: bob.id, title: `spam ${i}`, body: 'b' })));
    expect(results.filter((r) => r.body.code === 0)).toHaveLength(SEND_LIMIT);
    const limited = results.filter((r) => r.body.code === 1075);
    expect(limited).toHaveLength(20 - SEND_LIMIT);
    expect(Number(limited[0].headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await t.prisma.message.count({ where: { senderId: spammer.id } })).toBe(SEND_LIMIT);
    // the limit is the sender's, not the recipient's
    expect((await send(await account(), { to: bob.id, title: 'hi', body: 'b' })).body.code).toBe(0);
  });

  it("keeps a message when its sender's account is deleted, without the sender", async () => {
    const alice = await account();
    const bob = await account();
    const mgid = (await send(alice, { to: bob.id, title: 'before I go', body: 'b' })).body.data.mgid;
    await t.prisma.user.delete({ where: { id: alice.id } });
    expect((await t.http.get(`/api/v1/messages/${mgid}`, { headers: bob.headers })).body.data).toMatchObject({ mgid, from: null });
  });
});
