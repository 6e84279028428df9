import { calendarDay, checkinReward, isTimeZone } from './calendar-day';

describe('calendarDay', () => {
  it('puts 23:59:59 and 00:00:00 Shanghai time on different days', () => {
    expect(calendarDay(new Date('2026-11-28T23:59:59+08:00'), 'Asia/Shanghai')).toBe('2026-11-28');
    expect(calendarDay(new Date('2026-11-29T00:00:00+08:00'), 'Asia/Shanghai')).toBe('2026-11-29');
  });

  it('uses the zone, not UTC: 16:00 UTC is already the next day in Shanghai', () => {
    expect(calendarDay(new Date('2026-11-28T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-11-29');
    expect(calendarDay(new Date('2026-11-28T16:00:00Z'), 'UTC')).toBe('2026-11-28');
  });

  it('knows real zones only', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('checkinReward', () => {
  const rules = { base: 10, bonus: 2, cap: 6 };
  it('grows with the streak up to the cap', () => {
    expect([1, 2, 3, 4, 5, 10].map((day) => checkinReward(day, rules))).toEqual([10, 12, 14, 16, 16, 16]);
  });
});
