import { assertBelow, assertHoldsAll } from './rank-rules';

describe('rank rules', () => {
  const staff = { rank: 50, permissions: ['user.manage', 'group.manage', 'message.receive'] };

  it('reaches only strictly below the actor’s rank (1054 at or above it)', () => {
    expect(() => assertBelow(staff, 49, 'the group')).not.toThrow();
    expect(() => assertBelow(staff, 0, 'the group')).not.toThrow();
    expect(() => assertBelow(staff, 50, 'the group')).toThrow(expect.objectContaining({ code: 1054 }));
    expect(() => assertBelow(staff, 100, 'the group')).toThrow(expect.objectContaining({ code: 1054 }));
  });

  it('grants only permissions the actor holds (1042 naming the others)', () => {
    expect(() => assertHoldsAll(staff, [])).not.toThrow();
    expect(() => assertHoldsAll(staff, ['message.receive', 'user.manage'])).not.toThrow();
    expect(() => assertHoldsAll(staff, ['message.receive', 'audit.read', 'app.manage'])).toThrow(
      expect.objectContaining({ code: 1042, detail: expect.stringContaining('audit.read, app.manage') }),
    );
  });
});
