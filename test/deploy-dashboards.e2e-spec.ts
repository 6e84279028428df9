import { readFileSync } from 'node:fs';
import path from 'node:path';

import { parse } from 'yaml';

import { familiesOf } from './support/prometheus';
import { createTestApp, TestApp } from './support/test-app';

const DEPLOY = path.resolve(__dirname, '../deploy');
const TOKEN = 'dashboards-token-0123456789';

interface AlertRules {
  groups: { name: string; rules: { alert: string; expr: string }[] }[];
}

const alerts = parse(readFileSync(path.join(DEPLOY, 'prometheus/alerts.yml'), 'utf8')) as AlertRules;
const dashboard = JSON.parse(readFileSync(path.join(DEPLOY, 'grafana/dashboard.json'), 'utf8')) as {
  panels: { title: string; targets: { expr: string }[] }[];
};

/** The metric names a PromQL expression reads (ours, and the process and Node.js ones prom-client exposes). */
const metricsIn = (expr: string): string[] => expr.match(/\b(?:platform|process|nodejs)_[a-z0-9_]+\b/g) ?? [];

/** A histogram is scraped as one family; PromQL names its _bucket, _count and _sum series. */
const familyOf = (name: string, families: Set<string>): string | undefined =>
  [name, name.replace(/_(bucket|count|sum)$/, '')].find((candidate) => families.has(candidate));

describe('the Grafana dashboard and the Prometheus alert rules under deploy/', () => {
  let t: TestApp;
  let families: Set<string>;

  beforeAll(async () => {
    t = await createTestApp({ env: { METRICS_TOKEN: TOKEN } });
    const scrape = await t.http.get('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    families = familiesOf(scrape.text);
  });
  afterAll(() => t.close());

  it('alert on the 5xx rate, 1007, the p99 latency, login failure spikes and mail queue growth', () => {
    const rules = alerts.groups.flatMap((group) => group.rules);
    const reading = (metric: string) => rules.filter((rule) => rule.expr.includes(metric)).map((rule) => rule.alert);
    expect(rules.find((rule) => rule.expr.includes('status=~"5.."'))).toBeDefined();
    expect(rules.find((rule) => rule.expr.includes('code="1007"'))).toBeDefined();
    expect(rules.find((rule) => rule.expr.includes('histogram_quantile(0.99'))).toBeDefined();
    expect(reading('platform_login_failures_total')).toHaveLength(1);
    expect(reading('platform_mail_outbox_waiting')).toHaveLength(1);
  });

  it('read only metrics a real scrape holds', () => {
    const referenced = [
      ...alerts.groups.flatMap((group) => group.rules.map((rule) => [`alert ${rule.alert}`, rule.expr])),
      ...dashboard.panels.flatMap((panel) => panel.targets.map((target) => [`panel ${panel.title}`, target.expr])),
    ].flatMap(([where, expr]) => metricsIn(expr).map((metric) => ({ where, metric })));
    expect(referenced.length).toBeGreaterThan(30);
    const missing = referenced.filter(({ metric }) => familyOf(metric, families) === undefined);
    expect(missing).toEqual([]);
    // Every series the platform records has a panel.
    const shown = new Set(referenced.map(({ metric }) => familyOf(metric, families)));
    expect([...families].filter((family) => family.startsWith('platform_') && !shown.has(family))).toEqual([]);
  });
});
