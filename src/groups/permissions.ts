/** Every permission a group can hold. A group edit naming anything else is 1043. */
export const PERMISSIONS = [
  'message.receive',
  'message.send',
  'file.upload',
  'tutorial.write',
  'report.create',
  'developer.use',
  'tutorial.publish',
  'report.review',
  'user.manage',
  'group.manage',
  'app.manage',
  'points.manage',
  'audit.read',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const isPermission = (value: string): value is Permission => (PERMISSIONS as readonly string[]).includes(value);

/**
 * Permissions over other people, their content or the platform: moderation and management. Every
 * new registrant joins the default group, so it holds none of them (1043), else one group edit
 * would hand them to anyone who signs up.
 */
export const PRIVILEGED_PERMISSIONS: readonly Permission[] = [
  'tutorial.publish',
  'report.review',
  'user.manage',
  'group.manage',
  'app.manage',
  'points.manage',
  'audit.read',
];

export const privilegedAmong = (permissions: readonly string[]): string[] =>
  permissions.filter((permission) => (PRIVILEGED_PERMISSIONS as readonly string[]).includes(permission));
