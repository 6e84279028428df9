import { readFileSync } from 'node:fs';
import path from 'node:path';

import { REPO_ROOT } from './generated-files';

/** The README documents every route of the OpenAPI document (its path, as `/users/:uuid`). */
describe('README routes', () => {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const document = JSON.parse(readFileSync(path.join(REPO_ROOT, 'openapi/openapi.json'), 'utf8')) as { paths: object };
  const routes = Object.keys(document.paths).map((route) => route.replace(/^\/api\/v1/, '').replace(/\{(\w+)\}/g, ':$1'));

  it('names every route of openapi/openapi.json', () => {
    const mentioned = (route: string): boolean =>
      new RegExp(`(?<![\\w/:-])${route.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w/:-])`).test(readme);
    expect(routes.filter((route) => !mentioned(route))).toEqual([]);
    expect(routes.length).toBeGreaterThan(50);
  });
});
