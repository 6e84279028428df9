import { parseCondition, read } from './condition';

const readers = { status: read.oneOf('ACTIVE', 'LOCKED'), q: read.text(10), since: read.date };

describe('parseCondition', () => {
  it('reads the known keys', () => {
    expect(parseCondition('status:ACTIVE; q:ali', readers)).toEqual({ status: 'ACTIVE', q: 'ali' });
    expect(parseCondition('since:2026-11-01', readers)).toEqual({ since: new Date('2026-11-01') });
    expect(parseCondition(undefined, readers)).toEqual({});
    expect(parseCondition('  ', readers)).toEqual({});
  });

  it.each([
    ['role:admin', 'unknown condition role'],
    ['status:GONE', 'condition status cannot be GONE'],
    ['status:ACTIVE;status:LOCKED', 'condition status given twice'],
    ['q:', 'condition q cannot be empty'],
    ['q:abcdefghijk', 'condition q cannot be abcdefghijk'],
    ['since:yesterday', 'condition since cannot be yesterday'],
    ['toString:x', 'unknown condition toString'],
  ])('refuses %s with 1045', (raw, detail) => {
    expect(() => parseCondition(raw, readers)).toThrow(expect.objectContaining({ code: 1045, detail }));
  });
});
