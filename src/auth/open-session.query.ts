// The statement that opens a session with its audit row, as the benchmark's raw baseline sends it
// too (the QQ login's): this file loads without the application.
import { auditRowsFrom } from '../audit/audit.sql';

/**
 * $1 user, $2 app, $3 key hash, $4 expiry, $5 ip, $6 user agent, $7 login method: the session and
 * its `auth.login` audit row in one statement (a session opened with QQ says so in both).
 */
export const OPEN_SESSION = `WITH session AS (
    INSERT INTO sessions (user_id, app_id, key_hash, expires_at, ip, user_agent, login_method)
    VALUES ($1::uuid, $2, $3, $4, $5, $6, $7::"LoginMethod") RETURNING id
  )
  ${auditRowsFrom('session', {
    actorId: '$1::uuid',
    action: `'auth.login'`,
    targetType: `'session'`,
    targetId: 'session.id::text',
    ip: '$5',
    details: `jsonb_build_object('appId', $2::int) || CASE WHEN $7 = 'PASSWORD' THEN '{}'::jsonb ELSE jsonb_build_object('method', $7) END`,
  })}`;
