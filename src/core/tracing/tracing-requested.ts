// Apart from tracing.ts, which loads the OpenTelemetry SDK: the configuration asks this without loading it.

/**
 * Tracing is off unless an exporter is named: the SDK's own default (OTLP when the variable is
 * unset) would otherwise send spans to a collector nobody configured. OTEL_SDK_DISABLED=true
 * turns it off whatever else is set. These are the SDK's standard variables, read by it, which
 * is why they are not part of AppConfig: tracing starts before anything else is loaded.
 */
export function tracingRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  if ((env.OTEL_SDK_DISABLED ?? '').trim().toLowerCase() === 'true') return false;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  return exporters.length > 0 && !exporters.includes('none');
}
