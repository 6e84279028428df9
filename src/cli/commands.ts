import { Command } from './command';

const PASSWORD_SOURCES =
  'The password comes from --password-stdin (standard input, the final newline dropped), --password-file <path>, ' +
  'the terminal (asked twice, not echoed), or, with none of these and no terminal, is generated and printed once ' +
  '(password: ...). --password <text> works but warns: it stays in the process list and the shell history.';

const SCOPES =
  "--scopes: endpoint groups, comma-separated (accounts,auth,users ...; '*' for all); default: app (GET /api/v1/apps/me only).";
const DOMAINS = '--domains: origins a browser may call from, comma-separated (https://app.example.com, https://*.example.org).';

/** Every command of `platform`, in the order `platform --help` lists them. */
export const COMMANDS: Command[] = [
  {
    name: 'migrate',
    summary: 'apply the database migrations that are not applied yet',
    usage: '',
    details:
      'Prints one "migration: <name>" line per migration applied, then "applied: <count>". Safe to run at any time and from ' +
      'several machines at once (an advisory lock orders them). The server migrates at start too.',
    options: {},
    load: () => import('./commands/migrate'),
  },
  {
    name: 'admin:create',
    summary: 'create an administrator, active at once (the first one, or one more)',
    usage: '--username <name> --email <address> [--password-stdin | --password-file <path>]',
    details: `${PASSWORD_SOURCES} Prints "uuid: ..." and "username: ...". A name or address in use fails with its code (1020, 1021).`,
    options: {
      username: { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      'password-file': { type: 'string' },
    },
    load: () => import('./commands/admin-create'),
  },
  {
    name: 'app:create',
    summary: 'register a first-party app and print its id and key once',
    usage: '--name <name> [--scopes <groups>] [--domains <origins>]',
    details: `${SCOPES} ${DOMAINS} Prints "app_id: ..." and "app_key: ...": keep the key secret, it is not shown again.`,
    options: { name: { type: 'string' }, scopes: { type: 'string' }, domains: { type: 'string' } },
    load: () => import('./commands/app-create'),
  },
  {
    name: 'app:update',
    summary: "change an app's name, scopes, allowed domains or status",
    usage: '--app <app_id> [--name <name>] [--scopes <groups>] [--domains <origins>] [--status ENABLED|DISABLED|CLOSED]',
    details:
      `${SCOPES} ${DOMAINS} --domains '' allows none. The same rules as PATCH /api/v1/admin/apps/:appId, audited as ` +
      'app.update: the way back when the web app was configured out of reach. Prints the settings after the change.',
    options: {
      app: { type: 'string' },
      name: { type: 'string' },
      scopes: { type: 'string' },
      domains: { type: 'string' },
      status: { type: 'string' },
    },
    load: () => import('./commands/app-update'),
  },
  {
    name: 'app:rotate-key',
    summary: 'give an app a new key; the old one works for APP_KEY_ROTATION_GRACE_SECONDS',
    usage: '--app <app_id>',
    details:
      'Prints "app_id", "app_key" (shown once) and "previous_key_expires_at". Audited as app.rotate-key. ' +
      'The public web app has no key (1043).',
    options: { app: { type: 'string' } },
    load: () => import('./commands/app-rotate-key'),
  },
  {
    name: 'user:unlock',
    summary: 'let a user log in again: forget their failed attempts, lift a LOCKED status',
    usage: '--user <username | email | uuid>',
    details:
      "Forgets the account's count of password and reset-code attempts (no more 1075), and makes a LOCKED account " +
      'ACTIVE (audited as user.update). A BANNED or PENDING account keeps its status. Prints "uuid", "username", ' +
      '"status" and "attempts: cleared"; an unknown user fails with 1053.',
    options: { user: { type: 'string' } },
    load: () => import('./commands/user-unlock'),
  },
  {
    name: 'secret:generate',
    summary: 'print a new random key for APP_SECRET_KEY (64 hex digits)',
    usage: '',
    details: 'Reads no configuration and changes nothing: put the key in APP_SECRET_KEY (and back it up).',
    options: {},
    load: () => import('./commands/secret-generate'),
  },
  {
    name: 'secret:reseal',
    summary: 'seal every stored secret anew under APP_SECRET_KEY (after a key rotation)',
    usage: '',
    details:
      'Run with the new key in APP_SECRET_KEY and the old one in APP_SECRET_KEY_PREVIOUS: app keys, developer app keys and ' +
      'the payloads of mail not sent yet are opened with whichever key sealed them and sealed under APP_SECRET_KEY. ' +
      'Prints "key_id", "resealed" (values sealed anew) and "failed". Safe to run again, and while servers run: a second run ' +
      'reseals 0. Exit 1 when a value opens under neither key (each named on standard error); the rest are done. ' +
      'Then remove APP_SECRET_KEY_PREVIOUS.',
    options: {},
    load: () => import('./commands/secret-reseal'),
  },
];
