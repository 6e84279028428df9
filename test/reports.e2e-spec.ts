import { TutorialStatus, UserStatus } from '../src/generated/prisma/client';
import { refuseAuditRowsAbout } from './support/audit-fault';
import { insertUser, loginAs, WEB } from './support/fixtures';
import { TestResponse } from './support/http-client';
import { createTestApp, TestApp } from './support/test-app';

const PASSWORD = 'report-pass-2026';
const REPORTS = '/api/v1/reports';
const ADMIN_REPORTS = '/api/v1/admin/reports';
const ENV = { BCRYPT_COST: '4', LOGIN_LIMIT_PER_IP: '0', RATE_LIMIT_PER_IP: '0', REPORT_LIMIT_PER_HOUR: '0' };
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const NOWHERE = '00000000-0000-4000-8000-000000000000';

interface Account {
  id: string;
  username: string;
  headers: Record<string, string>;
}

const codes = (responses: TestResponse[]): number[] => responses.map((r) => r.body.code);

describe('reports', () => {
  let t: TestApp;
  let moderator: Account;
  let secondModerator: Account;
  let refuseAuditAbout: (targetId: string) => Promise<void>;

  const account = async (group = 'member', locale = 'zh'): Promise<Account> => {
    const user = await insertUser(t.prisma, { password: PASSWORD, group });
    await t.prisma.user.update({ where: { id: user.id }, data: { locale } });
    return { id: user.id, username: user.username, headers: await loginAs(t.http, user.username, PASSWORD) };
  };
  const report = (who: Account, body: Record<string, unknown>) => t.http.post(REPORTS, body, { headers: who.headers });
  const list = (query: string, who = moderator) => t.http.get(`${ADMIN_REPORTS}?${query}`, { headers: who.headers });
  const get = (id: string, who = moderator) => t.http.get(`${ADMIN_REPORTS}/${id}`, { headers: who.headers });
  const review = (id: string, body: Record<string, unknown>, who = moderator) =>
    t.http.post(`${ADMIN_REPORTS}/${id}/review`, body, { headers: who.headers });
  const tutorial = (author: Account, fields: { status?: TutorialStatus; title?: string } = {}) =>
    t.prisma.tutorial.create({
      data: {
        authorId: author.id,
        title: fields.title ?? 'Reported tutorial',
        body: 'Buy now!',
        status: fields.status ?? TutorialStatus.PUBLISHED,
        publishedAt: (fields.status ?? TutorialStatus.PUBLISHED) === TutorialStatus.PUBLISHED ? new Date() : null,
      },
    });
  const message = (to: Account, from: Account | null, title = 'Hello') =>
    t.prisma.message.create({ data: { recipientId: to.id, senderId: from?.id ?? null, title, body: 'A rude message.' } });
  const upload = async (owner: Account, bytes: Buffer = PNG, type = 'png'): Promise<string> => {
    const form = new FormData();
    form.append('type', type);
    form.append('file', new Blob([bytes]), `f.${type}`);
    const response = await t.http.post('/api/v1/files', form, { headers: owner.headers });
    if (response.status !== 201) throw new Error(`upload failed: ${response.text}`);
    return response.body.data.flid;
  };
  /** The platform's notices in a user's inbox, oldest first. */
  const notices = (user: Account) =>
    t.prisma.message.findMany({ where: { recipientId: user.id, senderId: null }, orderBy: { createdAt: 'asc' } });

  beforeAll(async () => {
    t = await createTestApp({ env: ENV });
    moderator = await account('moderator');
    secondModerator = await account('moderator');
    refuseAuditAbout = await refuseAuditRowsAbout(t.prisma);
  });
  afterAll(() => t.close());

  describe('reporting', () => {
    it('needs a session (1030) and report.create (1042)', async () => {
      const author = await account();
      const { id } = await tutorial(author);
      expect((await t.http.post(REPORTS, { targetType: 'tutorial', targetId: id, reason: 'spam' }, { headers: WEB })).body.code).toBe(1030);
      const muted = await account('banned');
      const refused = await report(muted, { targetType: 'tutorial', targetId: id, reason: 'spam' });
      expect([refused.status, refused.body.code]).toEqual([403, 1042]);
      expect(await t.prisma.report.count({ where: { targetId: id } })).toBe(0);
    });

    it('records a report of each kind of target the reporter can see', async () => {
      const [reporter, author] = [await account(), await account()];
      const { id: tid } = await tutorial(author);
      const { id: mgid } = await message(reporter, author);
      const own = await upload(reporter);
      const cover = await upload(author);
      await t.prisma.tutorial.create({
        data: {
          authorId: author.id,
          title: 'Covered',
          body: 'b',
          status: TutorialStatus.PUBLISHED,
          publishedAt: new Date(),
          coverFileId: cover,
        },
      });
      const targets: [string, string][] = [
        ['tutorial', tid],
        ['message', mgid],
        ['user', author.id],
        ['file', own],
        ['file', cover],
      ];
      for (const [targetType, targetId] of targets) {
        const made = await report(reporter, { targetType, targetId: targetId.toUpperCase(), reason: 'abuse', detail: '  see above  ' });
        expect(made.status).toBe(201);
        expect(made.body.data).toEqual({
          id: expect.any(String),
          targetType,
          targetId,
          reason: 'abuse',
          detail: 'see above',
          status: 'pending',
          createdAt: expect.any(String),
          reviewedAt: null,
        });
      }
      expect(await t.prisma.report.count({ where: { reporterId: reporter.id, status: 'pending' } })).toBe(5);
    });

    it('refuses what the reporter cannot see with the target’s not-found code', async () => {
      const [reporter, author] = [await account(), await account()];
      const draft = await tutorial(author, { status: TutorialStatus.DRAFT });
      const hidden = await tutorial(author, { status: TutorialStatus.HIDDEN });
      const othersMessage = await message(author, reporter);
      const unverified = await insertUser(t.prisma, { status: UserStatus.PENDING });
      const locked = await insertUser(t.prisma, { status: UserStatus.LOCKED });
      const othersFile = await upload(author);
      const deleted = await upload(reporter);
      await t.http.delete(`/api/v1/files/${deleted}`, { headers: reporter.headers });
      const cases: [string, string, number][] = [
        ['tutorial', draft.id, 1052],
        ['tutorial', hidden.id, 1052],
        ['tutorial', NOWHERE, 1052],
        ['tutorial', 'not-a-tid', 1052],
        ['message', othersMessage.id, 1057],
        ['message', NOWHERE, 1057],
        ['message', '42', 1057],
        ['user', NOWHERE, 1053],
        ['user', unverified.id, 1053],
        ['user', 'bob', 1053],
        ['user', locked.id, 1058],
        ['file', othersFile, 1048],
        ['file', deleted, 1048],
        ['file', NOWHERE, 1048],
      ];
      const responses = await Promise.all(
        cases.map(([targetType, targetId]) => report(reporter, { targetType, targetId, reason: 'spam' })),
      );
      expect(codes(responses)).toEqual(cases.map(([, , code]) => code));
      expect(responses[0].status).toBe(404);
      expect(await t.prisma.report.count({ where: { reporterId: reporter.id } })).toBe(0);
      // What its author or a publisher sees, they may report.
      expect((await report(author, { targetType: 'tutorial', targetId: draft.id, reason: 'other' })).status).toBe(201);
      expect((await report(moderator, { targetType: 'tutorial', targetId: hidden.id, reason: 'other' })).status).toBe(201);
    });

    it('refuses malformed reports: a choice outside the set 1043, a missing id 1011, a long detail 1074', async () => {
      const [reporter, author] = [await account(), await account()];
      const { id } = await tutorial(author);
      const cases: [Record<string, unknown>, number][] = [
        [{ targetType: 'post', targetId: id, reason: 'spam' }, 1043],
        [{ targetType: 'Tutorial', targetId: id, reason: 'spam' }, 1043],
        [{ targetId: id, reason: 'spam' }, 1043],
        [{ targetType: 'tutorial', targetId: id, reason: 'boring' }, 1043],
        [{ targetType: 'tutorial', targetId: id }, 1043],
        [{ targetType: 'tutorial', reason: 'spam' }, 1011],
        [{ targetType: 'tutorial', targetId: 5, reason: 'spam' }, 1074],
        [{ targetType: 'tutorial', targetId: id, reason: 'spam', detail: 'd'.repeat(1001) }, 1074],
        [{ targetType: 'tutorial', targetId: id, reason: 'spam', detail: '  ' }, 1074],
        [{ targetType: 'tutorial', targetId: id, reason: 'spam', status: 'approved' }, 1074],
      ];
      const responses = await Promise.all(cases.map(([body]) => report(reporter, body)));
      expect(codes(responses)).toEqual(cases.map(([, code]) => code));
      expect(await t.prisma.report.count({ where: { targetId: id } })).toBe(0);
    });

    it('keeps one open report per reporter and target: a second, or twenty at once, answer the open one', async () => {
      const [reporter, other, author] = [await account(), await account(), await account()];
      const { id } = await tutorial(author);
      const first = await report(reporter, { targetType: 'tutorial', targetId: id, reason: 'spam' });
      const again = await report(reporter, { targetType: 'tutorial', targetId: id, reason: 'abuse', detail: 'more' });
      expect(again.body.data).toEqual(first.body.data);

      const [reporter2] = [await account()];
      const raced = await Promise.all(
        Array.from({ length: 20 }, () => report(reporter2, { targetType: 'tutorial', targetId: id, reason: 'illegal' })),
      );
      expect(codes(raced).every((code) => code === 0)).toBe(true);
      expect(new Set(raced.map((r) => r.body.data.id)).size).toBe(1);
      expect((await report(other, { targetType: 'tutorial', targetId: id, reason: 'spam' })).body.data.id).not.toBe(first.body.data.id);
      expect(await t.prisma.report.count({ where: { targetId: id } })).toBe(3);
    });
  });

  describe('moderating', () => {
    it('needs report.review (1042) for every moderator route', async () => {
      const member = await account();
      const responses = [await list('', member), await get(NOWHERE, member), await review(NOWHERE, { verdict: 'reject' }, member)];
      expect(codes(responses)).toEqual([1042, 1042, 1042]);
      expect((await t.http.get(ADMIN_REPORTS, { headers: WEB })).body.code).toBe(1030);
    });

    it('lists reports newest first by status, type, target and reporter, paged; 1045 for anything else', async () => {
      const [reporter, author] = [await account(), await account()];
      const { id: tid } = await tutorial(author);
      const { id: mgid } = await message(reporter, author);
      const a = (await report(reporter, { targetType: 'tutorial', targetId: tid, reason: 'spam' })).body.data.id;
      const b = (await report(reporter, { targetType: 'message', targetId: mgid, reason: 'abuse' })).body.data.id;
      const c = (await report(reporter, { targetType: 'user', targetId: author.id, reason: 'other' })).body.data.id;
      const ids = (response: TestResponse): string[] => response.body.data.map((item: { id: string }) => item.id);

      expect(ids(await list(`condition=reporter:${reporter.id}`))).toEqual([c, b, a]);
      expect(ids(await list(`condition=reporter:${reporter.id};type:message`))).toEqual([b]);
      expect(ids(await list(`condition=target:${tid};status:pending`))).toEqual([a]);
      expect(ids(await list(`condition=reporter:${reporter.id};status:rejected`))).toEqual([]);
      expect(ids(await list(`condition=reporter:${reporter.id}&pageSize=2&page=2`))).toEqual([a]);
      expect(ids(await list(`condition=reporter:${reporter.id}&pageSize=2&page=3`))).toEqual([]);
      const listed = (await list(`condition=reporter:${reporter.id};type:tutorial`)).body.data[0];
      expect(listed).toMatchObject({
        id: a,
        reporter: { uuid: reporter.id, username: reporter.username },
        reviewer: null,
        note: null,
        status: 'pending',
      });

      for (const query of [
        'condition=status:open',
        'condition=status:PENDING',
        'condition=type:post',
        'condition=target:x',
        'condition=foo:bar',
        'condition=status:pending;status:approved',
        'page=0',
        'pageSize=101',
      ]) {
        const response = await list(query);
        expect({ query, status: response.status, code: response.body.code }).toEqual({ query, status: 400, code: 1045 });
      }
    });

    it('shows one report with its target as it is now and how many reports of it are open; 1044 when unknown', async () => {
      const [reporter, other, author] = [await account(), await account(), await account()];
      const { id: mgid } = await message(reporter, author, 'Rude title');
      const id = (await report(reporter, { targetType: 'message', targetId: mgid, reason: 'abuse', detail: 'rude' })).body.data.id;
      const { id: tid } = await tutorial(author, { title: 'Spam tutorial' });
      const onTutorial = (await report(reporter, { targetType: 'tutorial', targetId: tid, reason: 'spam' })).body.data.id;
      await report(other, { targetType: 'tutorial', targetId: tid, reason: 'spam' });

      expect((await get(id)).body.data).toMatchObject({
        id,
        targetType: 'message',
        detail: 'rude',
        reporter: { uuid: reporter.id },
        target: { exists: true, name: 'Rude title', text: 'A rude message.', state: null, author: { uuid: author.id } },
        openReports: 1,
      });
      expect((await get(onTutorial)).body.data).toMatchObject({
        target: { name: 'Spam tutorial', state: 'PUBLISHED', author: { uuid: author.id } },
        openReports: 2,
      });
      const unknown = [await get(NOWHERE), await get('nope')];
      expect(unknown.map((r) => [r.status, r.body.code])).toEqual([
        [409, 1044],
        [409, 1044],
      ]);
    });

    it('refuses a verdict outside approve and reject (1043), and an unknown report (1044)', async () => {
      const [reporter, author] = [await account(), await account()];
      const { id: tid } = await tutorial(author);
      const id = (await report(reporter, { targetType: 'tutorial', targetId: tid, reason: 'spam' })).body.data.id;
      const responses = [
        await review(id, {}),
        await review(id, { verdict: 'APPROVE' }),
        await review(id, { verdict: 'approved' }),
        await review(id, { verdict: 'delete' }),
        await review(id, { verdict: 1 }),
        await review(id, { verdict: 'approve', note: 'n'.repeat(501) }),
        await review(NOWHERE, { verdict: 'approve' }),
        await review('nope', { verdict: 'reject' }),
      ];
      expect(codes(responses)).toEqual([1043, 1043, 1043, 1043, 1043, 1074, 1044, 1044]);
      expect(responses[0].status).toBe(400);
      expect(responses[6].status).toBe(409);
      expect((await t.prisma.report.findUniqueOrThrow({ where: { id } })).status).toBe('pending');
      expect((await t.prisma.tutorial.findUniqueOrThrow({ where: { id: tid } })).status).toBe('PUBLISHED');
    });
  });

  describe('verdicts', () => {
    it('approving hides a tutorial, reviews every open report of it at once, audits it, and tells the reporters and the author', async () => {
      const [author, first, second, third] = [await account(), await account(), await account('member', 'en'), await account()];
      const { id: tid } = await tutorial(author, { title: 'Cheap watches' });
      const ids = [
        (await report(first, { targetType: 'tutorial', targetId: tid, reason: 'spam' })).body.data.id,
        (await report(second, { targetType: 'tutorial', targetId: tid, reason: 'spam' })).body.data.id,
        (await report(third, { targetType: 'tutorial', targetId: tid, reason: 'illegal' })).body.data.id,
      ];
      const decided = await review(ids[1], { verdict: 'approve', note: '  Advertising.  ' });
      expect(decided.status).toBe(200);
      expect(decided.body.data).toMatchObject({
        id: ids[1],
        status: 'approved',
        note: 'Advertising.',
        reviewer: { uuid: moderator.id },
        reviewedAt: expect.any(String),
        target: { state: 'HIDDEN' },
        openReports: 0,
      });
      expect((await t.prisma.tutorial.findUniqueOrThrow({ where: { id: tid } })).status).toBe('HIDDEN');
      expect((await t.http.get(`/api/v1/tutorials/${tid}`, { headers: WEB })).body.code).toBe(1052);
      const rows = await t.prisma.report.findMany({ where: { id: { in: ids } } });
      expect(rows.every((row) => row.status === 'approved' && row.reviewerId === moderator.id && row.note === 'Advertising.')).toBe(true);
      // Each one is reviewed now, whichever is named.
      expect(codes([await review(ids[0], { verdict: 'reject' }), await review(ids[1], { verdict: 'approve' })])).toEqual([1044, 1044]);

      const audit = await t.prisma.auditEntry.findMany({ where: { targetId: tid }, orderBy: { id: 'asc' } });
      expect(audit.map((row) => [row.action, row.actorId])).toEqual([
        ['tutorial.status', moderator.id],
        ['report.review', moderator.id],
      ]);
      expect(audit[1]).toMatchObject({ targetType: 'tutorial', details: { verdict: 'approve', note: 'Advertising.' } });
      expect([...(audit[1].details as { reports: string[] }).reports].sort()).toEqual([...ids].sort());

      const firstNotices = await notices(first);
      expect(firstNotices).toHaveLength(1);
      expect(firstNotices[0].title).toBe('你的举报已处理');
      expect(firstNotices[0].body).toContain('「Cheap watches」');
      expect(firstNotices[0].body).toContain('Advertising.');
      expect((await notices(second))[0].title).toBe('Your report was upheld');
      expect(await notices(third)).toHaveLength(1);
      const authorNotices = await notices(author);
      expect(authorNotices.map((n) => n.title)).toEqual(['你的内容已被处理']);
      expect(authorNotices[0].body).toContain('垃圾信息');
      for (const reporter of [first, second, third]) expect(authorNotices[0].body).not.toContain(reporter.username);
      // Through the inbox API, as a user reads it: from the platform.
      const inbox = await t.http.get('/api/v1/messages', { headers: author.headers });
      expect(inbox.body.data[0]).toMatchObject({ from: null, title: '你的内容已被处理' });
    });

    it('rejecting leaves the target, tells only the reporters, and a later report opens a new case', async () => {
      const [author, reporter] = [await account(), await account()];
      const { id: tid } = await tutorial(author, { title: 'Fine tutorial' });
      const id = (await report(reporter, { targetType: 'tutorial', targetId: tid, reason: 'other' })).body.data.id;
      expect((await review(id, { verdict: 'reject' })).body.data).toMatchObject({ status: 'rejected', note: null });
      expect((await t.prisma.tutorial.findUniqueOrThrow({ where: { id: tid } })).status).toBe('PUBLISHED');
      expect((await notices(reporter)).map((n) => n.title)).toEqual(['你的举报已审核']);
      expect(await notices(author)).toHaveLength(0);
      const audit = await t.prisma.auditEntry.findFirstOrThrow({ where: { targetId: tid, action: 'report.review' } });
      expect(audit.details).toEqual({ verdict: 'reject', reports: [id] });

      const again = await report(reporter, { targetType: 'tutorial', targetId: tid, reason: 'spam' });
      expect(again.body.data).toMatchObject({ status: 'pending' });
      expect(again.body.data.id).not.toBe(id);
    });

    it('lets exactly one of two moderators racing on a report review it; the other answers 1044', async () => {
      const [author, reporter, other] = [await account(), await account(), await account()];
      for (let round = 0; round < 5; round++) {
        const { id: tid } = await tutorial(author, { title: `Contested ${round}` });
        const id = (await report(reporter, { targetType: 'tutorial', targetId: tid, reason: 'spam' })).body.data.id;
        const otherId = (await report(other, { targetType: 'tutorial', targetId: tid, reason: 'abuse' })).body.data.id;
        const verdicts = await Promise.all([
          review(id, { verdict: 'approve', note: 'first' }),
          review(otherId, { verdict: 'reject', note: 'second' }, secondModerator),
          review(id, { verdict: 'reject', note: 'third' }, secondModerator),
          review(otherId, { verdict: 'approve', note: 'fourth' }),
        ]);
        expect(verdicts.filter((r) => r.status === 200)).toHaveLength(1);
        expect(verdicts.filter((r) => r.body.code === 1044)).toHaveLength(3);
        const winner = verdicts.find((r) => r.status === 200)!.body.data;
        const rows = await t.prisma.report.findMany({ where: { targetId: tid } });
        expect(rows.map((row) => [row.status, row.note])).toEqual([
          [winner.status, winner.note],
          [winner.status, winner.note],
        ]);
        expect(await t.prisma.auditEntry.count({ where: { targetId: tid, action: 'report.review' } })).toBe(1);
        expect((await t.prisma.tutorial.findUniqueOrThrow({ where: { id: tid } })).status).toBe(
          winner.status === 'approved' ? 'HIDDEN' : 'PUBLISHED',
        );
      }
      expect(await notices(reporter)).toHaveLength(5);
      expect(await notices(other)).toHaveLength(5);
    });

    it('approving a message takes it out of the inbox and tells its sender; the platform’s own messages have no author to tell', async () => {
      const [sender, recipient] = [await account(), await account()];
      const rude = await message(recipient, sender, 'You again');
      const fromPlatform = await message(recipient, null, 'Platform notice');
      const id = (await report(recipient, { targetType: 'message', targetId: rude.id, reason: 'abuse' })).body.data.id;
      const platformReport = (await report(recipient, { targetType: 'message', targetId: fromPlatform.id, reason: 'other' })).body.data.id;
      expect((await review(id, { verdict: 'approve' })).body.data.target).toMatchObject({ exists: false });
      expect((await t.http.get(`/api/v1/messages/${rude.id}`, { headers: recipient.headers })).body.code).toBe(1057);
      expect((await notices(sender)).map((n) => n.title)).toEqual(['你的内容已被处理']);
      expect((await notices(sender))[0].body).toContain('「You again」');

      const sendersNotices = (await notices(sender)).length;
      expect((await review(platformReport, { verdict: 'approve' })).status).toBe(200);
      expect(await t.prisma.message.count({ where: { id: fromPlatform.id } })).toBe(0);
      expect((await notices(sender)).length).toBe(sendersNotices);
      expect((await notices(recipient)).map((n) => n.title)).toEqual(['你的举报已处理', '你的举报已处理']);
    });

    it('approving a user locks them the way an administrator does: their sessions stop (1036), audited as user.update', async () => {
      const [offender, reporter] = [await account(), await account()];
      expect((await t.http.get('/api/v1/users/me', { headers: offender.headers })).body.code).toBe(0);
      const id = (await report(reporter, { targetType: 'user', targetId: offender.id, reason: 'abuse' })).body.data.id;
      expect((await review(id, { verdict: 'approve' })).body.data.target).toMatchObject({ state: 'LOCKED' });
      const locked = await t.http.get('/api/v1/users/me', { headers: offender.headers });
      expect(locked.body).toMatchObject({ code: 1036, data: { status: 'LOCKED' } });
      const audit = await t.prisma.auditEntry.findMany({ where: { targetId: offender.id }, orderBy: { id: 'asc' } });
      expect(audit.map((row) => [row.action, row.details])).toEqual([
        ['user.update', { status: { from: 'ACTIVE', to: 'LOCKED' } }],
        ['report.review', { verdict: 'approve', reports: [id] }],
      ]);
      expect((await notices(offender)).map((n) => n.title)).toEqual(['你的内容已被处理']);
    });

    it('refuses (1054) to lock a user who outranks the moderator, and leaves the report open', async () => {
      const [admin, reporter] = [await account('admin'), await account()];
      const id = (await report(reporter, { targetType: 'user', targetId: admin.id, reason: 'abuse' })).body.data.id;
      const refused = await review(id, { verdict: 'approve' });
      expect([refused.status, refused.body.code]).toEqual([403, 1054]);
      expect((await t.prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).status).toBe('ACTIVE');
      expect((await t.prisma.report.findUniqueOrThrow({ where: { id } })).status).toBe('pending');
      expect(await notices(reporter)).toHaveLength(0);
      expect((await review(id, { verdict: 'reject' })).body.data.status).toBe('rejected');
    });

    it('refuses (1054) to take down what a user who does not rank below the moderator wrote or owns, and leaves the reports open', async () => {
      const [admin, peer, reporter] = [await account('admin'), await account('moderator'), await account()];
      const adminsTutorial = await tutorial(admin);
      const peersTutorial = await tutorial(peer);
      const adminsMessage = await message(reporter, admin, 'From the top');
      const adminsFile = await upload(admin);
      await t.prisma.tutorial.update({ where: { id: adminsTutorial.id }, data: { coverFileId: adminsFile } });
      const targets: [string, string][] = [
        ['tutorial', adminsTutorial.id],
        ['tutorial', peersTutorial.id],
        ['message', adminsMessage.id],
        ['file', adminsFile],
      ];
      const ids: string[] = [];
      for (const [targetType, targetId] of targets)
        ids.push((await report(reporter, { targetType, targetId, reason: 'abuse' })).body.data.id);

      const refused = [];
      for (const id of ids) refused.push(await review(id, { verdict: 'approve' }));
      expect(refused.map((r) => [r.status, r.body.code])).toEqual(ids.map(() => [403, 1054]));
      expect(await t.prisma.report.count({ where: { id: { in: ids }, status: 'pending' } })).toBe(ids.length);
      expect(await t.prisma.tutorial.count({ where: { id: { in: [adminsTutorial.id, peersTutorial.id] }, status: 'PUBLISHED' } })).toBe(2);
      expect(await t.prisma.message.count({ where: { id: adminsMessage.id } })).toBe(1);
      expect((await t.prisma.file.findUniqueOrThrow({ where: { id: adminsFile } })).deletedAt).toBeNull();
      expect(await t.prisma.auditEntry.count({ where: { targetId: { in: targets.map(([, id]) => id) } } })).toBe(0);
      expect([...(await notices(reporter)), ...(await notices(admin)), ...(await notices(peer))]).toHaveLength(0);
      // Rejecting takes nothing down, so it needs no rank.
      expect((await review(ids[0], { verdict: 'reject' })).body.data.status).toBe('rejected');
    });

    it('refuses (1044) a verdict on a target the moderator reported, even through another reporter’s report of it', async () => {
      const [author, reporter] = [await account(), await account()];
      const { id: tid } = await tutorial(author);
      const own = (await report(moderator, { targetType: 'tutorial', targetId: tid, reason: 'spam' })).body.data.id;
      const others = (await report(reporter, { targetType: 'tutorial', targetId: tid, reason: 'spam' })).body.data.id;
      const refused = [
        await review(own, { verdict: 'approve' }),
        await review(others, { verdict: 'approve' }),
        await review(others, { verdict: 'reject' }),
      ];
      expect(refused.map((r) => [r.status, r.body.code])).toEqual(refused.map(() => [409, 1044]));
      expect(await t.prisma.report.count({ where: { targetId: tid, status: 'pending' } })).toBe(2);
      expect((await t.prisma.tutorial.findUniqueOrThrow({ where: { id: tid } })).status).toBe('PUBLISHED');
      expect(await t.prisma.auditEntry.count({ where: { targetId: tid } })).toBe(0);

      // Another moderator decides both.
      expect((await review(others, { verdict: 'approve' }, secondModerator)).body.data.status).toBe('approved');
      expect(await t.prisma.report.count({ where: { targetId: tid, status: 'approved', reviewerId: secondModerator.id } })).toBe(2);
      expect((await t.prisma.tutorial.findUniqueOrThrow({ where: { id: tid } })).status).toBe('HIDDEN');
    });

    it('approving a file withdraws it: its download credentials answer 1051 and its bytes are gone', async () => {
      const [owner, reporter] = [await account(), await account()];
      const flid = await upload(owner, Buffer.from('pirated bytes'), 'bin');
      const { credential } = (
        await t.http.post(`/api/v1/files/${flid}/credentials`, { maxDownloads: 5, expiresInSeconds: 3600 }, { headers: owner.headers })
      ).body.data;
      expect((await fetch(`${t.http.baseUrl}/api/v1/download/${credential}`)).status).toBe(200);
      const { storageKey } = await t.prisma.file.findUniqueOrThrow({ where: { id: flid } });
      // Seen by the reporter as a tutorial's cover.
      const png = await upload(owner);
      await t.prisma.tutorial.create({
        data: {
          authorId: owner.id,
          title: 'Covered',
          body: 'b',
          status: TutorialStatus.PUBLISHED,
          publishedAt: new Date(),
          coverFileId: png,
        },
      });
      const coverReport = (await report(reporter, { targetType: 'file', targetId: png, reason: 'copyright' })).body.data.id;
      const fileReport = (await report(owner, { targetType: 'file', targetId: flid, reason: 'other' })).body.data.id;

      expect((await review(fileReport, { verdict: 'approve' })).body.data.target).toMatchObject({ state: 'deleted', name: 'f.bin' });
      const download = await t.http.get(`/api/v1/download/${credential}`);
      expect([download.status, download.body.code]).toEqual([410, 1051]);
      expect((await t.http.get(`/api/v1/files/${flid}`, { headers: owner.headers })).body.code).toBe(1051);
      const credentialRow = await t.prisma.downloadCredential.findFirstOrThrow({ where: { fileId: flid } });
      expect(credentialRow.expiresAt.getTime()).toBeLessThanOrEqual(Date.now());
      const { existsSync } = await import('node:fs');
      const path = await import('node:path');
      expect(existsSync(path.join(t.config.storageDir, storageKey))).toBe(false);

      expect((await review(coverReport, { verdict: 'approve' })).status).toBe(200);
      const tutorialId = (await t.prisma.tutorial.findFirstOrThrow({ where: { coverFileId: png } })).id;
      expect((await t.http.get(`/api/v1/tutorials/${tutorialId}/cover`, { headers: WEB })).body.code).toBe(1051);
    });

    it('changes nothing when the audit row cannot be written (1018): verdict, take-down and notices are one transaction', async () => {
      const [author, reporter] = [await account(), await account()];
      const { id: tid } = await tutorial(author);
      const id = (await report(reporter, { targetType: 'tutorial', targetId: tid, reason: 'spam' })).body.data.id;
      await refuseAuditAbout(tid);
      const refused = await review(id, { verdict: 'approve' });
      expect([refused.status, refused.body.code]).toEqual([500, 1018]);
      expect((await t.prisma.report.findUniqueOrThrow({ where: { id } })).status).toBe('pending');
      expect((await t.prisma.tutorial.findUniqueOrThrow({ where: { id: tid } })).status).toBe('PUBLISHED');
      expect([...(await notices(reporter)), ...(await notices(author))]).toHaveLength(0);
    });
  });
});

describe('report limits', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { ...ENV, REPORT_LIMIT_PER_HOUR: '3' } });
  });
  afterAll(() => t.close());

  it('files at most REPORT_LIMIT_PER_HOUR reports an hour per reporter (1075)', async () => {
    const reporter = await insertUser(t.prisma, { password: PASSWORD });
    const headers = await loginAs(t.http, reporter.username, PASSWORD);
    const targets = await Promise.all(Array.from({ length: 6 }, () => insertUser(t.prisma)));
    const responses = await Promise.all(
      targets.map((target) => t.http.post(REPORTS, { targetType: 'user', targetId: target.id, reason: 'spam' }, { headers })),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(3);
    expect(responses.filter((r) => r.body.code === 1075)).toHaveLength(3);
    expect(await t.prisma.report.count({ where: { reporterId: reporter.id } })).toBe(3);
  });
});
