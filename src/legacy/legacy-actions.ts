import type { AccessRule } from '../auth/access.decorators';

/** Methods of a REST twin the gateway can dispatch to. */
export type TwinMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Who may call an action: the caller of its REST twin's @Access() rule (checked at start-up). */
export type LegacyCaller = Exclude<AccessRule['caller'], 'signed-app'>;

/** One parameter of the REST twin, and the older names clients still send it under. */
export interface LegacyParam {
  /** Its name on the REST twin: a path parameter (`:tid`), a query parameter or a body field. */
  name: string;
  /** Older names accepted for it; the REST name itself is always accepted too. */
  aliases: string[];
  /** Sent as a whole number: a form or query value of digits becomes a number. */
  int?: true;
}

/** One class/mode of the old `/api.php` endpoint and the REST route that does the work. */
export interface LegacyAction {
  class: string;
  mode: string;
  /** The REST twin: its method and path below /api/v1. */
  twin: { method: TwinMethod; path: string };
  caller: LegacyCaller;
  /** The parameters passed on; anything else an old client sends is dropped. */
  params: LegacyParam[];
}

const p = (name: string, ...aliases: string[]): LegacyParam => ({ name, aliases });
const int = (param: LegacyParam): LegacyParam => ({ ...param, int: true });

const PAGING = [int(p('page', 'p')), int(p('pageSize', 'page_size', 'limit', 'size'))];
const LIST = [...PAGING, p('condition', 'where')];
const NEW_PASSWORD = [p('password', 'pass', 'pwd'), p('passwordConfirm', 'password_confirm', 'repassword', 'repwd')];
const CAPTCHA = [
  p('captchaId', 'captcha_id'),
  p('captchaCode', 'captcha_code', 'captcha'),
  p('altcha'),
  p('captchaPayload', 'captcha_payload'),
];

const action = (
  klass: string,
  mode: string,
  twin: `${TwinMethod} /${string}`,
  caller: LegacyCaller,
  params: LegacyParam[] = [],
): LegacyAction => {
  const [method, path] = twin.split(' ') as [TwinMethod, string];
  return { class: klass, mode, twin: { method, path }, caller, params };
};

/**
 * Every class/mode the gateway answers. The README's table is made from this list
 * (`npm run docs:legacy`), and a unit spec fails when the two differ.
 */
export const LEGACY_ACTIONS: readonly LegacyAction[] = [
  action('user', 'register', 'POST /accounts/register', 'app', [
    p('username', 'user', 'name'),
    p('email', 'mail'),
    ...NEW_PASSWORD,
    p('nickname', 'nick'),
    ...CAPTCHA,
  ]),
  action('user', 'login', 'POST /auth/login', 'app', [p('account', 'username', 'user'), p('password', 'pass', 'pwd')]),
  action('user', 'logout', 'POST /auth/logout', 'user'),
  action('user', 'info', 'GET /users/me', 'user'),
  action('user', 'update', 'PATCH /users/me', 'user', [p('nickname', 'nick'), p('locale', 'lang')]),
  action('user', 'password', 'POST /users/me/password', 'user', [
    p('currentPassword', 'current_password', 'old_password', 'oldpwd'),
    ...NEW_PASSWORD,
  ]),
  action('checkin', 'do', 'POST /checkin', 'user'),
  action('checkin', 'status', 'GET /checkin', 'user'),
  action('points', 'total', 'GET /points', 'user'),
  action('points', 'ledger', 'GET /points/ledger', 'user', LIST),
  action('message', 'list', 'GET /messages', 'user', LIST),
  action('message', 'read', 'GET /messages/:mgid', 'user', [p('mgid', 'id', 'message_id')]),
  action('message', 'delete', 'DELETE /messages/:mgid', 'user', [p('mgid', 'id', 'message_id')]),
  action('message', 'unread', 'GET /messages/unread-count', 'user'),
  action('tutorial', 'list', 'GET /tutorials', 'optional-user', LIST),
  action('tutorial', 'get', 'GET /tutorials/:tid', 'optional-user', [p('tid', 'id', 'tutorial_id')]),
  action('tutorial', 'recommend', 'GET /tutorials/recommended', 'user', PAGING),
  action('file', 'info', 'GET /files/:flid', 'user', [p('flid', 'id', 'file_id')]),
  action('file', 'credential', 'POST /files/:flid/credentials', 'user', [
    p('flid', 'id', 'file_id'),
    int(p('maxDownloads', 'max_downloads', 'times')),
    int(p('expiresInSeconds', 'expires_in', 'expire')),
  ]),
  action('qq', 'bindings', 'GET /qq/bindings', 'user'),
  action('qq', 'unbind', 'DELETE /qq/bindings/:raid', 'user', [p('raid', 'id', 'binding_id'), p('password', 'pass', 'pwd')]),
  action('developer', 'apps', 'GET /developer/apps', 'user', LIST),
  action('developer', 'libraries', 'GET /developer/libraries', 'user'),
];

/** Path parameters of a twin (`/files/:flid/credentials` has `flid`). */
export const pathParams = (path: string): string[] => [...path.matchAll(/:(\w+)/g)].map((match) => match[1]);

/** A twin that only reads may be asked with GET or POST; one that changes something with POST only. */
export const methodsOf = (entry: LegacyAction): ('GET' | 'POST')[] => (entry.twin.method === 'GET' ? ['GET', 'POST'] : ['POST']);

const cell = (entry: LegacyAction): string =>
  entry.params.length === 0
    ? 'none'
    : entry.params
        .map(
          (param) =>
            `\`${param.name}\`${param.int ? ' (int)' : ''}${param.aliases.length ? ` ← ${param.aliases.map((a) => `\`${a}\``).join(', ')}` : ''}`,
        )
        .join('; ');

/** The README's table of every class/mode and its REST twin, as the markers enclose it. */
export function legacyActionsTable(actions: readonly LegacyAction[] = LEGACY_ACTIONS): string {
  const rows = actions.map(
    (entry) =>
      `| \`${entry.class}\` | \`${entry.mode}\` | ${methodsOf(entry).join(', ')} | \`${entry.twin.method} /api/v1${entry.twin.path}\` | ${entry.caller} | ${cell(entry)} |`,
  );
  return [
    '| class | mode | asked with | REST twin | caller | parameters (REST name ← old names) |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

export const TABLE_START = '<!-- legacy-actions:start -->';
export const TABLE_END = '<!-- legacy-actions:end -->';

/** `readme` with the text between the table's markers replaced by the current table. */
export function withLegacyTable(readme: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`the README has no ${TABLE_START} ... ${TABLE_END} markers`);
  return `${readme.slice(0, start + TABLE_START.length)}\n${legacyActionsTable()}\n${readme.slice(end)}`;
}
