/** The audit row's fields, each an SQL expression over the statement's parameters and its `source`. */
export interface AuditRowSql {
  actorId: string;
  action: string;
  targetType: string;
  targetId: string;
  ip: string;
  details: string;
}

/**
 * The INSERT of one audit row per row of `source`, a data-modifying CTE of the same statement: for
 * a write that must never exist without its audit row and is too hot for a transaction of two
 * statements (a login and its session). Built once, at load, from constant expressions.
 */
export function auditRowsFrom(source: string, row: AuditRowSql): string {
  return `INSERT INTO audit_log (actor_id, action, target_type, target_id, ip, details)
       SELECT ${row.actorId}, ${row.action}, ${row.targetType}, ${row.targetId}, ${row.ip}, ${row.details}
         FROM ${source}`;
}
