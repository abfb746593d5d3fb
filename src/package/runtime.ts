/**
 * The runtime layout the source document's images have, shared by the image this action
 * assembles (image.ts) and the Dockerfile it writes (dockerfile.ts): where the host, the
 * plugins and the data live, the user, the environment defaults, the healthcheck and the
 * start line.
 */
export const APP_DIR = '/app/data'
/** Outside the volume: a mount on /app/data/plugins (the seed's `-v`) never hides them, and a volume never keeps old ones. */
export const IMAGE_PLUGIN_DIR = '/app/plugins'
export const APP_USER = 'appuser'
export const APP_PORT = 8080

/** The seed's ENV defaults (ARG_APP_PORT ... ARG_APP_DIR). */
export const ENV_DEFAULTS: Record<string, string> = {
  APP_PORT: String(APP_PORT),
  APP_HOST: '0.0.0.0',
  LOG_LEVEL: 'info',
  LOG_STYLE: 'json',
  APP_DIR
}

const SECOND = 1_000_000_000
/**
 * The HEALTHCHECK, as Docker stores it in the image config. The source document's checks
 * `/metrics`, which Bifrost serves only with its telemetry (Prometheus) plugin configured: a
 * real 1.5.1 image with just the user's plugins answers 404 there. Bifrost's own Dockerfiles
 * (v1.4.19, 1.5.1, 1.7.x) check `/health`, which every host serves.
 */
export const HEALTHCHECK = {
  Test: [
    'CMD-SHELL',
    'wget --no-verbose --tries=1 -O /dev/null http://127.0.0.1:${APP_PORT}/health || exit 1'
  ],
  Interval: 30 * SECOND,
  Timeout: 10 * SECOND,
  StartPeriod: 5 * SECOND,
  Retries: 3
}

/** config.json for the image: each plugin by its path in the image. */
export function configExample(plugins: readonly string[], pluginDir = IMAGE_PLUGIN_DIR): string {
  const config = {
    plugins: [...plugins].map(name => ({
      enabled: true,
      name,
      path: `${pluginDir}/${name}.so`,
      config: {}
    }))
  }
  return JSON.stringify(config, null, 2) + '\n'
}

/**
 * Entrypoint and command: the checkout's docker-entrypoint.sh (it fixes the volume's owner
 * and starts /app/main with the APP_* variables) when it has one; otherwise the same start
 * line through /bin/sh, so APP_PORT/APP_HOST/APP_DIR still apply.
 */
export function startCommand(hasScript: boolean): { Entrypoint: string[]; Cmd: string[] } {
  if (hasScript) return { Entrypoint: ['/app/docker-entrypoint.sh'], Cmd: ['/app/main'] }
  return {
    Entrypoint: [
      '/bin/sh',
      '-c',
      'exec /app/main -app-dir "$APP_DIR" -host "$APP_HOST" -port "$APP_PORT" "$@"',
      '/app/main'
    ],
    Cmd: []
  }
}
