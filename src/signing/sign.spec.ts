import { bodyDigest, canonicalQuery, canonicalString, signature } from './sign';

/**
 * Known-answer vectors: these exact inputs must give these exact outputs in every client. The
 * README's curl + openssl example reproduces the first one.
 */
const KEY = 'k3y-for-the-known-answer-vectors';
const VECTOR = {
  method: 'POST',
  url: '/api/v1/checkin?b=2&a=hello%20world',
  timestamp: 1767225600,
  nonce: 'n0nce-0123456789abcdef',
  body: '{"note":"hi"}',
};

describe('request signing', () => {
  it('builds the canonical string of the known-answer vector', () => {
    expect(canonicalString(VECTOR)).toBe(
      [
        'POST',
        '/api/v1/checkin',
        'a=hello%20world&b=2',
        '1767225600',
        'n0nce-0123456789abcdef',
        'ee25c89cefecd8378e863d5300091f578f234a6de23b319a3d86ff2179d377c8',
      ].join('\n'),
    );
  });

  it('signs the known-answer vector', () => {
    expect(signature(KEY, VECTOR)).toBe('b03c406ccb4f83767ab824f1f523ae7bf6e4020b848e5838a1bfdf01903c40d5');
  });

  it('signs a body-less GET with the digest of the empty string', () => {
    expect(bodyDigest(undefined)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(signature(KEY, { method: 'get', url: '/api/v1/users/me', timestamp: 1767225600, nonce: 'abcdefghijklmnop' })).toBe(
      '57b1f43c896cb935a943bf78538af71abe12d8dcf6a48faa6f142c43af84c20f',
    );
  });

  it('gives the same canonical query whatever the order or encoding', () => {
    expect(canonicalQuery('b=2&a=hello+world')).toBe('a=hello%20world&b=2');
    expect(canonicalQuery('a=hello%20world&b=2')).toBe('a=hello%20world&b=2');
    expect(canonicalQuery('x=1&x=0&flag')).toBe('flag=&x=0&x=1');
    expect(canonicalQuery("q=it's(*)!")).toBe('q=it%27s%28%2A%29%21');
    expect(canonicalQuery('')).toBe('');
  });

  it('signs a body given by its digest (a large upload, hashed as it streams) as the body itself', () => {
    const { body, ...rest } = VECTOR;
    expect(signature(KEY, { ...rest, bodyDigest: bodyDigest(body) })).toBe(
      'b03c406ccb4f83767ab824f1f523ae7bf6e4020b848e5838a1bfdf01903c40d5',
    );
  });

  it('changes the signature when one byte of the body changes', () => {
    expect(signature(KEY, { ...VECTOR, body: '{"note":"hI"}' })).not.toBe(signature(KEY, VECTOR));
  });
});
