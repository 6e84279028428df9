import {
  createOpenApiClient,
  createPlatformClient,
  ERROR_CATALOGUE,
  ErrorCode,
  PlatformClient,
  PlatformError,
  sessionAuth,
  unwrap,
} from '../clients/typescript/src';
import { AppsService } from '../src/signing/apps.service';
import { signUpBody, TEST_PASSWORD } from './support/accounts';
import { solve } from './support/captcha';
import { insertUser } from './support/fixtures';
import { useMailedTestApp } from './support/mailed-test-app';
import { linkIn } from './support/smtp-sink';

const SCOPES = ['app', 'accounts', 'auth', 'users', 'points', 'files', 'developer'];

/** The error a call was refused with (the test fails when it was not refused). */
async function refusal(call: Promise<unknown>): Promise<PlatformError> {
  const error: unknown = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof PlatformError)) throw new Error(`expected a PlatformError, got ${String(error)}`);
  return error;
}

/**
 * The typed client of clients/typescript as a third-party app uses it: a keyed app signing every
 * request, over real HTTP against the booted app and a real SMTP server.
 */
describe('typed client (clients/typescript)', () => {
  const { t, sink } = useMailedTestApp();
  let api: PlatformClient;
  let appId: string;
  let appKey: string;

  beforeAll(async () => {
    ({ appId, appKey } = await t.app.get(AppsService).create({ name: 'third-party', scopes: SCOPES }));
    api = createPlatformClient({ baseUrl: t.http.baseUrl, appId, appKey });
  });

  it('signs its requests: the app checks out, and a wrong key is refused with its catalogue code', async () => {
    expect(unwrap(await api.GET('/api/v1/apps/me'))).toEqual({
      appId,
      name: 'third-party',
      scopes: SCOPES,
    });

    const forged = createPlatformClient({ baseUrl: t.http.baseUrl, appId, appKey: `${appKey}x` });
    const error = await refusal(forged.GET('/api/v1/apps/me').then(unwrap));
    expect({ code: error.code, status: error.status }).toEqual({ code: ErrorCode.SIGNATURE_MISMATCH, status: 401 });
    expect(error.requestId).toMatch(/\S/);
  });

  it('signs a request at a skewed clock that the server refuses as expired', async () => {
    const late = createPlatformClient({ baseUrl: t.http.baseUrl, appId, appKey, now: () => Date.now() - 3_600_000 });
    expect((await refusal(late.GET('/api/v1/apps/me').then(unwrap))).code).toBe(ErrorCode.REQUEST_EXPIRED);
  });

  it('registers, follows the mailed link, logs in, reads the profile and checks in', async () => {
    const captcha = unwrap(await api.GET('/api/v1/captcha'));
    if (captcha.kind !== 'altcha') throw new Error(`expected an ALTCHA challenge, got ${captcha.kind}`);
    const altcha = await solve({ parameters: captcha.parameters, signature: captcha.signature });
    const { username, email, nickname } = signUpBody();
    const body = { username, email, nickname, password: TEST_PASSWORD, passwordConfirm: TEST_PASSWORD, altcha };
    const registered = unwrap(await api.POST('/api/v1/accounts/register', { body }));
    expect(registered).toMatchObject({ username, email, status: 'PENDING' });

    const logIn = () => api.POST('/api/v1/auth/login', { body: { account: username, password: TEST_PASSWORD } }).then(unwrap);
    expect((await refusal(logIn())).code).toBe(ErrorCode.ACCOUNT_NOT_ACTIVE);

    const link = linkIn(await sink.next(email));
    const page = await fetch(link);
    expect(page.status).toBe(200);
    const token = link.searchParams.get('token') ?? '';
    expect(unwrap(await api.POST('/api/v1/accounts/verify', { body: { token } }))).toEqual({ status: 'ACTIVE' });

    const session = await logIn();
    expect(session.uuid).toBe(registered.uuid);
    const signedIn = sessionAuth(session);
    api.use(signedIn);
    try {
      const profile = unwrap(await api.GET('/api/v1/users/me'));
      expect(profile).toMatchObject({ uuid: registered.uuid, username, email, nickname, status: 'ACTIVE', points: 0 });
      expect(profile.emailVerifiedAt).not.toBeNull();

      const checkin = unwrap(await api.POST('/api/v1/checkin'));
      expect(checkin.reward).toBeGreaterThan(0);
      expect(checkin).toMatchObject({ streak: 1, points: checkin.reward });
      const again = await refusal(api.POST('/api/v1/checkin').then(unwrap));
      expect({ code: again.code, status: again.status }).toEqual({
        code: ErrorCode.ALREADY_CHECKED_IN,
        status: ERROR_CATALOGUE[ErrorCode.ALREADY_CHECKED_IN].status,
      });
      expect(unwrap(await api.GET('/api/v1/points'))).toEqual({ points: checkin.reward, balanceCents: 0 });

      // A multipart upload: the signature covers the form's exact bytes, boundaries included.
      const bytes = Buffer.from('notes 笔记\n'.repeat(1000));
      const file = unwrap(
        await api.POST('/api/v1/files', {
          body: { type: 'txt', file: new Blob([bytes]) },
          bodySerializer: (form) => {
            const data = new FormData();
            data.append('type', form.type);
            data.append('file', form.file, 'notes.txt');
            return data;
          },
        }),
      );
      expect(file).toMatchObject({ name: 'notes.txt', type: 'txt', size: bytes.length });
      const { url } = unwrap(
        await api.POST('/api/v1/files/{flid}/credentials', {
          params: { path: { flid: file.flid } },
          body: { maxDownloads: 1, expiresInSeconds: 60 },
        }),
      );
      const download = await fetch(new URL(url, t.http.baseUrl));
      expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
    } finally {
      api.eject(signedIn);
    }
    expect((await refusal(api.GET('/api/v1/users/me').then(unwrap))).code).toBe(ErrorCode.NOT_AUTHENTICATED);
  });
  it('signs as a developer app: buys an app and a library, then registers and logs in an end user through the open API', async () => {
    const developer = await insertUser(t.prisma, { group: 'developer', password: TEST_PASSWORD, balanceCents: 1_000_000n });
    const session = unwrap(await api.POST('/api/v1/auth/login', { body: { account: developer.username, password: TEST_PASSWORD } }));
    const signedIn = sessionAuth(session);
    api.use(signedIn);
    let apiId: string;
    let apiKey: string;
    try {
      ({ apiId, apiKey } = unwrap(await api.POST('/api/v1/developer/apps', { body: { name: 'my game' } })));
      const { spanId } = unwrap(await api.POST('/api/v1/developer/libraries', { body: { name: 'players' } }));
      const bound = unwrap(await api.POST('/api/v1/developer/apps/{apiId}/library', { params: { path: { apiId } }, body: { spanId } }));
      expect(bound).toMatchObject({ apiId, spanId });
    } finally {
      api.eject(signedIn);
    }

    const open = createOpenApiClient({ baseUrl: t.http.baseUrl, apiId, apiKey });
    const registered = unwrap(
      await open.POST('/api/v1/open/users/register', { body: { username: 'alice', password: 'end-user-pass-2026' } }),
    );
    expect(registered).toMatchObject({ username: 'alice', status: 'ACTIVE' });
    const wrong = await refusal(
      open.POST('/api/v1/open/users/login', { body: { account: 'alice', password: 'not-her-password' } }).then(unwrap),
    );
    expect({ code: wrong.code, status: wrong.status }).toEqual({ code: ErrorCode.OPEN_CREDENTIALS_WRONG, status: 401 });
    const endUser = unwrap(await open.POST('/api/v1/open/users/login', { body: { account: 'alice', password: 'end-user-pass-2026' } }));
    open.use(sessionAuth(endUser));
    expect(unwrap(await open.GET('/api/v1/open/users/me'))).toMatchObject({ uuid: registered.uuid, username: 'alice' });

    const forged = createOpenApiClient({ baseUrl: t.http.baseUrl, apiId, apiKey: `${apiKey}x` });
    expect((await refusal(forged.GET('/api/v1/open/users/me').then(unwrap))).code).toBe(ErrorCode.API_SIGNATURE_REJECTED);
  });
});
