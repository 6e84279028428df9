import { Controller, Get, Module } from '@nestjs/common';

import { RouteAccess } from '../src/auth/route-access';
import { insertUser, loginAs, WEB } from './support/fixtures';
import { createTestApp, TestApp } from './support/test-app';

/** A route that forgot its @Access(). */
@Controller('forgotten')
class ForgottenController {
  @Get()
  open(): string {
    return 'open';
  }
}

@Module({ controllers: [ForgottenController] })
class ForgottenModule {}

interface Operation {
  operationId: string;
  parameters?: { in: string; name: string }[];
  security?: Record<string, unknown>[];
}

/** The routes kept out of the OpenAPI document (pages a browser opens, not API calls). */
const UNDOCUMENTED = [
  'QqCallbackPageController.page',
  'QqCallbackPageController.script',
  'VerifyPageController.page',
  'VerifyPageController.script',
];

describe('access: one @Access() per route, read by one guard', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('every route the app serves declares its access, and the OpenAPI document shows what its caller sends', async () => {
    const routes = t.app.get(RouteAccess).routes();
    expect(routes.filter((route) => route.rule === undefined)).toEqual([]);
    const byHandler = new Map(routes.map((route) => [route.handler, route]));

    const paths = (await t.http.get('/docs/json')).body.paths as Record<string, Record<string, Operation>>;
    const documented = new Set<string>();
    for (const [path, operations] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const handler = operation.operationId.replace('_', '.');
        documented.add(handler);
        const caller = byHandler.get(handler)?.rule?.caller;
        const headers = (operation.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name);
        const open = caller === 'open-app' || caller === 'open-user';
        expect({
          route: `${method.toUpperCase()} ${path}`,
          caller,
          appId: headers.includes('X-App-Id'),
          apiId: headers.includes('X-Api-Id'),
          signature: headers.includes('X-Signature'),
          session: (operation.security ?? []).some((scheme) => 'bearer' in scheme),
        }).toEqual({
          route: `${method.toUpperCase()} ${path}`,
          caller: expect.any(String),
          appId: caller !== 'public' && !open,
          apiId: open,
          signature: caller === 'signed-app' || open,
          session: caller === 'user' || caller === 'optional-user' || caller === 'open-user',
        });
      }
    }
    // Every discovered route is in the document but the pages, so the document's check covers them all.
    expect(
      routes
        .map((route) => route.handler)
        .filter((handler) => !documented.has(handler))
        .sort(),
    ).toEqual(UNDOCUMENTED);
    expect(documented.size).toBeGreaterThan(70);
  });

  it('refuses to start an app with a route that declares no access, naming it', async () => {
    await expect(createTestApp({ imports: [ForgottenModule] })).rejects.toThrow(
      'every route declares @Access(); these do not: ForgottenController.open (GET forgotten)',
    );
  });

  it('checks a user route in order: credentials sent (1030), the app, their form (1031), the session, the permission (1042)', async () => {
    const password = 'a long passphrase for access';
    const user = await insertUser(t.prisma, { password });
    const session = await loginAs(t.http, user.username, password);
    const malformed = { authorization: 'Bearer not-a-session' };
    const code = async (path: string, headers: Record<string, string>): Promise<number> => (await t.http.get(path, { headers })).body.code;

    expect(await code('/api/v1/users/me', {})).toBe(1030);
    expect(await code('/api/v1/users/me', malformed)).toBe(1011);
    expect(await code('/api/v1/users/me', { ...malformed, 'x-app-id': 'no-such-app' })).toBe(1013);
    expect(await code('/api/v1/users/me', { ...WEB, ...malformed })).toBe(1031);
    expect(await code('/api/v1/users/me', session)).toBe(0);
    expect(await code('/api/v1/admin/users', { ...WEB, ...malformed })).toBe(1031);
    expect(await code('/api/v1/admin/users', session)).toBe(1042);
  });

  it('asks a public route nothing, an app route no session, an optional-user route a session only when sent, a signed-app route a signature', async () => {
    const malformed = { authorization: 'Bearer not-a-session' };
    const code = async (path: string, headers: Record<string, string>): Promise<number> => (await t.http.get(path, { headers })).body.code;

    expect(await code('/api/v1/health/live', malformed)).toBe(0);
    expect(await code('/api/v1/captcha', {})).toBe(1011);
    expect(await code('/api/v1/captcha', { ...WEB, ...malformed })).toBe(0);
    expect(await code('/api/v1/tutorials', WEB)).toBe(0);
    expect(await code('/api/v1/tutorials', { ...WEB, ...malformed })).toBe(1031);
    expect(await code('/api/v1/apps/me', WEB)).toBe(1013);
  });
});
