import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { parse, parseAllDocuments } from 'yaml';

import { AppConfig, loadConfig } from '../src/core/config/app-config';
import { createTestApp, TestApp } from './support/test-app';

const ROOT = path.resolve(__dirname, '..');
const KUBERNETES = path.join(ROOT, 'deploy/kubernetes');

type Manifest = { apiVersion: string; kind: string; metadata: { name: string }; [key: string]: any };

/** Every document of every manifest, with the file it is in. */
function manifests(): (Manifest & { file: string })[] {
  return readdirSync(KUBERNETES)
    .filter((file) => /\.ya?ml$/.test(file))
    .flatMap((file) =>
      parseAllDocuments(readFileSync(path.join(KUBERNETES, file), 'utf8')).map((document) => {
        expect({ file, errors: document.errors }).toEqual({ file, errors: [] });
        return { ...(document.toJS() as Manifest), file };
      }),
    );
}

/** The Dockerfile's last stage: what the image runs and how. */
function dockerfile(): { expose: number; env: Record<string, string>; user: string; volumes: string[]; cmd: string[] } {
  const text = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
  const lastStage = text.slice(text.lastIndexOf('\nFROM '));
  const instruction = (name: string): string[] => [...lastStage.matchAll(new RegExp(`^${name} (.+)$`, 'gm'))].map((m) => m[1].trim());
  const env = Object.fromEntries(
    instruction('ENV').flatMap((line) => line.split(/\s+/).map((pair) => pair.split('=') as [string, string])),
  );
  return {
    expose: Number(instruction('EXPOSE')[0]),
    env,
    user: instruction('USER')[0],
    volumes: instruction('VOLUME').flatMap((line) => JSON.parse(line) as string[]),
    cmd: JSON.parse(instruction('CMD')[0]) as string[],
  };
}

const one = (kind: string): Manifest & { file: string } => {
  const found = manifests().filter((manifest) => manifest.kind === kind);
  expect(found).toHaveLength(1);
  return found[0];
};

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
/** The uid of the `node` user of the official Node images. */
const NODE_UID = 1000;

describe('deploy/kubernetes', () => {
  const all = manifests();
  const deployment = one('Deployment');
  const job = one('Job');
  const configMap = one('ConfigMap');
  const secret = one('Secret');
  const podSpecs = [deployment.spec.template.spec, job.spec.template.spec];
  const containers = podSpecs.flatMap((spec) => spec.containers as any[]);

  it('holds the Deployment, Service, ConfigMap, Secret template, PodDisruptionBudget, HorizontalPodAutoscaler and migration Job', () => {
    expect(all.map((manifest) => manifest.kind).sort()).toEqual(
      ['ConfigMap', 'Deployment', 'HorizontalPodAutoscaler', 'Job', 'PodDisruptionBudget', 'Secret', 'Service'].sort(),
    );
  });

  it.each(all.map((manifest) => [`${manifest.file}: ${manifest.kind} ${manifest.metadata.name}`, manifest] as const))(
    'is valid against the Kubernetes schema: %s',
    (_name, manifest) => {
      const { file: _file, ...object } = manifest;
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- one model module per apiVersion and kind
      const models = require(`kubernetes-models/${object.apiVersion}/${object.kind}`) as Record<
        string,
        new (data: unknown) => { validate(): void }
      >;
      expect(() => new models[object.kind](object).validate()).not.toThrow();
    },
  );

  it('sets only environment variables the config class knows, and the ConfigMap passes its validation', () => {
    const known = Object.keys(new AppConfig());
    const set = [
      ...Object.keys(configMap.data),
      ...Object.keys(secret.stringData),
      ...containers.flatMap((container) => (container.env ?? []).map((variable: { name: string }) => variable.name)),
    ];
    expect(set.length).toBeGreaterThan(10);
    expect(set.filter((name) => !known.includes(name))).toEqual([]);
    // Every value of the ConfigMap is accepted as it is (the Secret's are placeholders to fill in).
    const config = loadConfig({
      ...configMap.data,
      SMTP_URL: 'smtp://mail:25',
      APP_SECRET_KEY: 'f3a1c9e27b5d48a06c1e9f2b7d3a5c8e0b4f6a2d9c7e1b3a5f8d0c2e4a6b9d17',
    });
    expect(config.isProduction).toBe(true);
    expect(config.WORKERS).toBe(1);
  });

  it('hands every container the ConfigMap and the Secret', () => {
    for (const container of containers) {
      expect(container.envFrom).toEqual([
        { configMapRef: { name: configMap.metadata.name } },
        { secretRef: { name: secret.metadata.name } },
      ]);
    }
  });

  it("runs the Dockerfile's image as its user, on its port, with its data volume and its commands", () => {
    const image = dockerfile();
    expect(image.user).toBe('node');
    for (const container of containers) expect(container.image).toBe(`${pkg.name}:${pkg.version}`);
    for (const spec of podSpecs) expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: NODE_UID });

    const [server] = deployment.spec.template.spec.containers;
    expect(server.command).toBeUndefined(); // the image's CMD
    expect(image.cmd).toEqual(['node', 'dist/main.js']);
    expect(server.ports).toEqual([{ name: 'http', containerPort: image.expose, protocol: 'TCP' }]);
    expect(Number(configMap.data.PORT)).toBe(image.expose);
    expect(Number(image.env.PORT)).toBe(image.expose);
    expect(configMap.data.DATA_DIR).toBe(image.env.DATA_DIR);
    expect(image.volumes).toEqual([image.env.DATA_DIR]);
    expect(server.volumeMounts).toContainEqual({ name: 'data', mountPath: image.env.DATA_DIR });

    const [migrate] = job.spec.template.spec.containers;
    expect(migrate.command).toEqual(['node', 'dist/cli/migrate.js']);
    // dist/ is what `npm run build` makes of src/ in the image.
    for (const command of [image.cmd, migrate.command]) {
      expect(existsSync(path.join(ROOT, command[1].replace(/^dist\//, 'src/').replace(/\.js$/, '.ts')))).toBe(true);
    }
  });

  it('points the Service, the PodDisruptionBudget and the autoscaler at the Deployment', () => {
    const labels = deployment.spec.template.metadata.labels;
    const service = one('Service');
    expect(labels).toMatchObject(service.spec.selector);
    expect(service.spec.ports.map((port: { targetPort: string }) => port.targetPort)).toEqual(['http']);
    expect(labels).toMatchObject(one('PodDisruptionBudget').spec.selector.matchLabels);
    expect(job.spec.template.metadata.labels).not.toMatchObject(service.spec.selector); // the Job's pod takes no traffic
    const hpa = one('HorizontalPodAutoscaler');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.metadata.name });
    expect(hpa.spec.metrics).toEqual([
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: expect.any(Number) } } },
    ]);
    // CPU utilisation is measured against the request, so there must be one.
    for (const container of containers)
      expect(container.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
  });

  it('gives the pods longer to stop than the server takes to drain', () => {
    const spec = deployment.spec.template.spec;
    const preStopSeconds = Number(spec.containers[0].lifecycle.preStop.exec.command[1]);
    expect(spec.terminationGracePeriodSeconds).toBeGreaterThan(preStopSeconds + Number(configMap.data.SHUTDOWN_TIMEOUT_MS) / 1000);
  });

  describe('probes, against the booted app', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(() => t?.close());

    const probes = (['startupProbe', 'livenessProbe', 'readinessProbe'] as const).map(
      (name) => [name, deployment.spec.template.spec.containers[0][name]] as const,
    );

    it.each(probes)('%s asks a real route on the container port, which answers 200', async (_name, probe) => {
      expect(probe.httpGet.port).toBe('http');
      const response = await t.http.get(probe.httpGet.path);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ code: 0, data: { status: 'up' } });
    });

    it('probes liveness on the route that needs nothing but the process, readiness on the one that checks dependencies', () => {
      const [startup, liveness, readiness] = probes.map(([, probe]) => probe.httpGet.path);
      expect([startup, liveness, readiness]).toEqual(['/api/v1/health/live', '/api/v1/health/live', '/api/v1/health/ready']);
    });
  });
});

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8')) as { services: Record<string, any>; networks: any };
  const { app, proxy } = compose.services;

  it('publishes only the proxy, and the app trusts the proxy alone to name the client', () => {
    expect(app.ports).toBeUndefined();
    expect(proxy.ports).toEqual(['3000:80']);
    const proxyAddress = proxy.networks.default.ipv4_address as string;
    expect(app.environment.TRUST_PROXY).toBe(proxyAddress);
    expect(loadConfig({ TRUST_PROXY: app.environment.TRUST_PROXY }).TRUST_PROXY).toEqual([proxyAddress]);
    // The fixed address is in the network but outside the range handed out to other containers.
    const [{ subnet, ip_range: range }] = compose.networks.default.ipam.config;
    const lastOctet = Number(proxyAddress.split('.')[3]);
    expect(proxyAddress.startsWith(subnet.split('.').slice(0, 3).join('.'))).toBe(true);
    expect(lastOctet).toBeLessThan(Number(range.split('/')[0].split('.')[3]));
  });

  it("sends the proxy's traffic to every app replica on the app's port", () => {
    const caddyfile = readFileSync(path.join(ROOT, 'deploy/compose/Caddyfile'), 'utf8');
    expect(proxy.volumes).toEqual(['./deploy/compose/Caddyfile:/etc/caddy/Caddyfile:ro']);
    expect(caddyfile).toMatch(new RegExp(`dynamic a app ${dockerfile().expose} `));
  });
});
