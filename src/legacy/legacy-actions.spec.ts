import { readFileSync } from 'node:fs';
import path from 'node:path';

import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { LEGACY_ACTIONS, withLegacyTable } from './legacy-actions';
import { twinRules } from './legacy-gateway.service';
import { indexActions, resolveAction, twinRequest } from './legacy-request';

const codeOf = (work: () => unknown): ErrorCode | undefined => {
  try {
    work();
  } catch (error) {
    return error instanceof DomainError ? error.code : undefined;
  }
  return ErrorCode.OK;
};

describe('the legacy actions table', () => {
  it('is the README table (run `npm run docs:legacy` after changing it)', () => {
    const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
    expect(withLegacyTable(readme)).toBe(readme);
  });

  it('names each class/mode once', () => {
    expect(() => indexActions(LEGACY_ACTIONS)).not.toThrow();
    expect(() => indexActions([...LEGACY_ACTIONS, LEGACY_ACTIONS[0]])).toThrow(/user\.register is listed twice/);
  });

  const index = indexActions(LEGACY_ACTIONS);
  const channels = ['web', 'desktop'];

  it('checks from, class, mode and method in that order', () => {
    const ask = (params: Record<string, unknown>, method = 'GET') => codeOf(() => resolveAction(index, params, method, channels));
    expect(ask({ class: '!', mode: '!' })).toBe(ErrorCode.LEGACY_FROM_EMPTY);
    expect(ask({ from: ['web'], class: '!' })).toBe(ErrorCode.LEGACY_FROM_INVALID);
    expect(ask({ from: 'web', class: 'a'.repeat(33) })).toBe(ErrorCode.LEGACY_CLASS_MALFORMED);
    expect(ask({ from: 'web', class: '9user' })).toBe(ErrorCode.LEGACY_CLASS_MALFORMED);
    expect(ask({ from: 'web', class: 'toString' })).toBe(ErrorCode.LEGACY_CLASS_MALFORMED);
    expect(ask({ from: 'web', class: 'constructor', mode: '!' })).toBe(ErrorCode.LEGACY_CLASS_UNKNOWN);
    expect(ask({ from: 'web', class: 'user', mode: ['info'] })).toBe(ErrorCode.LEGACY_MODE_MALFORMED);
    expect(ask({ from: 'web', class: 'user', mode: 'constructor' })).toBe(ErrorCode.LEGACY_MODE_UNKNOWN);
    expect(ask({ from: 'web', class: 'checkin', mode: 'do' })).toBe(ErrorCode.MODE_UNKNOWN);
    expect(ask({ from: 'web', class: 'checkin', mode: 'do' }, 'POST')).toBe(ErrorCode.OK);
    expect(ask({ from: 'desktop', class: 'checkin', mode: 'status' }, 'POST')).toBe(ErrorCode.OK);
  });

  it('maps old names onto the twin: path parameters required, numbers from text, transport parameters never passed on', () => {
    const credential = index.get('file')!.get('credential')!;
    expect(twinRequest(credential, { file_id: 'a/b', times: '3', expires_in: 'soon', uuid: 'u', from: 'web' })).toEqual({
      path: '/files/a%2Fb/credentials',
      query: {},
      body: { maxDownloads: 3, expiresInSeconds: 'soon' },
    });
    expect(codeOf(() => twinRequest(credential, { times: '3' }))).toBe(ErrorCode.REQUIRED_PARAMETER_MISSING);
    expect(codeOf(() => twinRequest(credential, { id: { nested: 1 } }))).toBe(ErrorCode.REQUIRED_PARAMETER_MISSING);
    const ledger = index.get('points')!.get('ledger')!;
    expect(twinRequest(ledger, { pageSize: '5', page_size: '7', other: 'x' })).toEqual({
      path: '/points/ledger',
      query: { pageSize: '5' },
    });
    expect(twinRequest(index.get('message')!.get('delete')!, { id: 'm1' })).toEqual({ path: '/messages/m1', query: {}, body: undefined });
  });

  describe('twins at start-up', () => {
    const routes = LEGACY_ACTIONS.map((entry) => ({
      handler: `${entry.class}.${entry.mode}`,
      route: `${entry.twin.method} ${entry.twin.path.slice(1)}`,
      rule: entry.caller === 'public' ? { caller: 'public' as const } : { caller: entry.caller, scope: 'x' },
    }));

    it('finds every twin, and reports a missing one (1004) instead of failing the start', () => {
      expect(twinRules(LEGACY_ACTIONS, routes).missing).toEqual([]);
      const { missing, rules } = twinRules(LEGACY_ACTIONS, routes.slice(1));
      expect(missing.map((entry) => `${entry.class}.${entry.mode}`)).toEqual(['user.register']);
      expect(rules.has('user.register')).toBe(false);
    });

    it('refuses a twin whose caller is not the one the table says', () => {
      const changed = routes.map((route, i) => (i === 3 ? { ...route, rule: { caller: 'app' as const, scope: 'x' } } : route));
      expect(() => twinRules(LEGACY_ACTIONS, changed)).toThrow(/user\.info.*caller app, the table says user/);
    });
  });
});
