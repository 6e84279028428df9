import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { LegacyAction, methodsOf, pathParams } from './legacy-actions';

/** What `class` and `mode` look like: a lower-case name of up to 32 characters. */
const NAME = /^[a-z][a-z0-9_]{0,31}$/;

/** Parameters that steer the gateway itself and are never passed to an action. */
const TRANSPORT = new Set(['class', 'mode', 'from', 'uuid', 'ukey', 'app_id']);

export type LegacyParams = Record<string, unknown>;

/** The table as the gateway looks things up: class, then mode. */
export type ActionIndex = ReadonlyMap<string, ReadonlyMap<string, LegacyAction>>;

export function indexActions(actions: readonly LegacyAction[]): ActionIndex {
  const index = new Map<string, Map<string, LegacyAction>>();
  for (const entry of actions) {
    const modes = index.get(entry.class) ?? new Map<string, LegacyAction>();
    if (modes.has(entry.mode)) throw new Error(`legacy action ${entry.class}.${entry.mode} is listed twice`);
    index.set(entry.class, modes.set(entry.mode, entry));
  }
  return index;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * The action a request names, or the first failure in this order: `from` empty (1009), not a
 * configured channel (1010); `class` malformed (1001), unknown (1002); `mode` malformed (1006),
 * unknown for the class (1005); asked with a method the action does not take (1024).
 */
export function resolveAction(
  index: ActionIndex,
  params: LegacyParams,
  method: string,
  channels: readonly string[],
): { entry: LegacyAction; channel: string } {
  const from = params.from;
  if (from === undefined || from === '') throw new DomainError(ErrorCode.LEGACY_FROM_EMPTY);
  const channel = text(from);
  if (channel === undefined || !channels.includes(channel)) throw new DomainError(ErrorCode.LEGACY_FROM_INVALID);

  const klass = text(params.class);
  if (klass === undefined || !NAME.test(klass)) throw new DomainError(ErrorCode.LEGACY_CLASS_MALFORMED);
  const modes = index.get(klass);
  if (!modes) throw new DomainError(ErrorCode.LEGACY_CLASS_UNKNOWN, `no class ${klass}`);

  const mode = text(params.mode);
  if (mode === undefined || !NAME.test(mode)) throw new DomainError(ErrorCode.LEGACY_MODE_MALFORMED);
  const entry = modes.get(mode);
  if (!entry) throw new DomainError(ErrorCode.LEGACY_MODE_UNKNOWN, `no mode ${mode} in class ${klass}`);

  const methods: string[] = methodsOf(entry);
  if (!methods.includes(method)) {
    throw new DomainError(ErrorCode.MODE_UNKNOWN, `${klass}.${mode} is asked with ${methods.join(' or ')}`);
  }
  return { entry, channel };
}

/** The request the REST twin receives: its path with the parameters filled in, and its query or body. */
export interface TwinRequest {
  path: string;
  query: Record<string, string>;
  body?: Record<string, unknown>;
}

/** A value under its REST name or the first of its old names that was sent. */
function valueOf(params: LegacyParams, names: string[]): unknown {
  for (const name of names) {
    if (params[name] !== undefined && !TRANSPORT.has(name)) return params[name];
  }
  return undefined;
}

const asInt = (value: unknown): unknown => (typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? Number(value) : value);

/**
 * The twin's request from the old parameters: each one the action knows, under its REST name
 * (whichever name it came under); path parameters are required (1011), the rest go into the
 * query of a GET and the JSON body of anything else, where the twin's own validation
 * judges them. Parameters the action does not know are dropped.
 */
export function twinRequest(entry: LegacyAction, params: LegacyParams): TwinRequest {
  const inPath = new Set(pathParams(entry.twin.path));
  const values = new Map<string, unknown>();
  for (const param of entry.params) {
    const value = valueOf(params, [param.name, ...param.aliases]);
    if (value !== undefined) values.set(param.name, param.int ? asInt(value) : value);
  }
  const path = entry.twin.path.replace(/:(\w+)/g, (_, name: string) => {
    const value = values.get(name);
    if (typeof value !== 'string' && typeof value !== 'number')
      throw new DomainError(ErrorCode.REQUIRED_PARAMETER_MISSING, `${name} is required`);
    if (value === '') throw new DomainError(ErrorCode.REQUIRED_PARAMETER_MISSING, `${name} is required`);
    return encodeURIComponent(String(value));
  });
  const rest = [...values].filter(([name]) => !inPath.has(name));
  if (entry.twin.method === 'GET') {
    return {
      path,
      query: Object.fromEntries(rest.map(([name, value]) => [name, typeof value === 'string' ? value : JSON.stringify(value)])),
    };
  }
  // A DELETE carries a body only when there is something to send (qq.unbind's password), as a REST client does.
  return { path, query: {}, body: rest.length > 0 || entry.twin.method !== 'DELETE' ? Object.fromEntries(rest) : undefined };
}

/** The session and app old clients send as parameters: `uuid` and `ukey`, `app_id`. */
export function transportCredentials(params: LegacyParams): { uuid?: string; ukey?: string; appId?: string } {
  return { uuid: text(params.uuid), ukey: text(params.ukey), appId: text(params.app_id) };
}
