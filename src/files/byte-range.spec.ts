import { attachment, ByteRange, readRange, resolveRange } from './byte-range';

const parseRange = (header: string | undefined, size: number): ByteRange | 'unsatisfiable' | undefined => {
  const request = readRange(header);
  return request && resolveRange(request, size);
};

describe('readRange, then resolveRange against the size', () => {
  it.each([
    ['bytes=0-9', { start: 0, end: 9 }],
    ['bytes=10-', { start: 10, end: 99 }],
    ['bytes=90-500', { start: 90, end: 99 }],
    ['bytes=-10', { start: 90, end: 99 }],
    ['bytes=-500', { start: 0, end: 99 }],
  ])('%s of 100 bytes', (header, range) => expect(parseRange(header, 100)).toEqual(range));

  it.each(['bytes=100-', 'bytes=200-300', 'bytes=-0'])('%s of 100 bytes is unsatisfiable', (header) =>
    expect(parseRange(header, 100)).toBe('unsatisfiable'),
  );

  it.each([undefined, '', 'bytes=-', 'bytes=5-2', 'bytes=0-1,3-4', 'items=0-1', 'bytes=a-b'])('ignores %p', (header) =>
    expect(parseRange(header, 100)).toBeUndefined(),
  );
});

it('encodes a file name for Content-Disposition', () => {
  expect(attachment('report 1.pdf')).toBe(`attachment; filename="report 1.pdf"; filename*=UTF-8''report%201.pdf`);
  expect(attachment('报告"x".txt')).toBe(`attachment; filename="___x_.txt"; filename*=UTF-8''%E6%8A%A5%E5%91%8A%22x%22.txt`);
});
