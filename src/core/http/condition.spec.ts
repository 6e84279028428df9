import { parseCondition, read } from './condition';

const readers = { status: read.oneOf('ACTIVE', 'LOCKED'), q: read.text(10), since: read.date };

describe('parseCondition', () => {
  it('reads the known keys', () => {
    expect(parseCondition('status:ACTIVE; q:ali', readers)).toEqual({ status: 'ACTIVE', q: 'ali' });
    expect(parseCondition('since:2026-11-01', readers)).toEqual({ since: new Date('2026-11-01') });
    expect(parseCondition('since:0001-01-01', readers)).toEqual({ since: new Date('0001-01-01T00:00:00Z') });
    expect(parseCondition('since:2024-02-29T23:59:59.999Z', readers)).toEqual({ since: new Date('2024-02-29T23:59:59.999Z') });
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
    ['since:0000-01-01', 'condition since cannot be 0000-01-01'],
    ['since:2026-02-31', 'condition since cannot be 2026-02-31'],
    ['since:9999-12-31T23:00:00-05:00', 'condition since cannot be 9999-12-31T23:00:00-05:00'],
    ['since:2026-01-01T99:99', 'condition since cannot be 2026-01-01T99:99'],
  ])('refuses %s with 1045', (raw, detail) => {
    expect(() => parseCondition(raw, readers)).toThrow(expect.objectContaining({ code: 1045, detail }));
  });
});
