// Scenario 4: the public tutorial list, hottest first, read by an app with no session: one
// statement ranks the published tutorials by views and age and joins the page's authors.
const bcrypt = require('bcrypt');
const { createUsers } = require('../lib/seed');

const TUTORIALS = Number(process.env.BENCH_TUTORIALS ?? 2000);
const AUTHORS = Number(process.env.BENCH_TUTORIAL_AUTHORS ?? 200);

/**
 * TUTORIALS published tutorials spread over AUTHORS members, with views (0-4999) and publication
 * times (up to 60 days back) scattered by fixed strides, so every run ranks the same data, bodies
 * of 0.5-2.7 KB (the list reads only their rendered summary, as written with each tutorial) and
 * one to three tags.
 */
async function seedTutorials(db) {
  const authors = await createUsers(db, { count: AUTHORS, passwordHash: await bcrypt.hash('not used here', 4) });
  await db.query(
    `INSERT INTO tutorials (author_id, title, body, html, summary, tags, status, views, published_at, created_at, updated_at)
     SELECT ($1::uuid[])[1 + i % $2], 'Tutorial ' || i || ': getting things done', body, '<p>' || body || '</p>', left(body, 200),
            (ARRAY['tag-' || i % 50, 'tag-' || i % 7, 'tag-' || i % 3])[1:1 + i % 3], 'PUBLISHED', (i * 7919) % 5000, p, p - interval '1 hour', p
       FROM generate_series(1, $3::int) AS i,
            LATERAL (SELECT now() - ((i * 104729) % 86400) * interval '1 minute' AS p, repeat('Lorem ipsum dolor sit amet. ', 20 + i % 80) AS body) AS made`,
    [authors.map((author) => author.id), AUTHORS, TUTORIALS],
  );
  // As autovacuum would leave a live table: statistics for the planner, a visibility map for index-only scans.
  await db.query('VACUUM ANALYZE tutorials');
  return { tutorials: TUTORIALS };
}

let seeded;

module.exports = {
  title: 'GET /tutorials?condition=sort:hot',

  /** Seeded once: the baseline ranks the very tutorials the platform did (a second seeding would double them). */
  seed({ db }) {
    seeded ??= seedTutorials(db);
    return seeded;
  },

  /** The first page of the hot list under the public `web` app, no session. */
  load(state, target) {
    return {
      url: target,
      requests: [{ method: 'GET', path: '/api/v1/tutorials?condition=sort:hot', headers: { 'x-app-id': 'web' } }],
    };
  },
};
