import type { Challenge } from 'altcha-lib';
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';

import { WEB } from './fixtures';
import { HttpClient } from './http-client';

/** GET /captcha's ALTCHA challenge, as a client gets it: the signed parameters and their signature. */
export async function fetchChallenge(http: HttpClient): Promise<Challenge> {
  const response = await http.get('/api/v1/captcha', { headers: WEB });
  if (response.body.data?.kind !== 'altcha') throw new Error(`no ALTCHA challenge: ${response.text}`);
  const { parameters, signature } = response.body.data;
  return { parameters, signature };
}

/** What the ALTCHA widget submits as its `altcha` field: base64 JSON of the challenge and the solution found. */
export async function solve(challenge: Challenge): Promise<string> {
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('the challenge was not solved in time');
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

/** A freshly solved captcha, the field a sign-up body carries when CAPTCHA_REQUIRED (the default). */
export async function solvedCaptcha(http: HttpClient): Promise<{ altcha: string }> {
  return { altcha: await solve(await fetchChallenge(http)) };
}
