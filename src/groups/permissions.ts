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
