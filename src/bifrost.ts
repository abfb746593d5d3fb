/** Facts about Bifrost's own repository that more than one stage needs. */

/** The module a `bifrost-version` build downloads: the HTTP gateway, Bifrost's main package. */
export const BIFROST_TRANSPORTS_MODULE = 'github.com/maximhq/bifrost/transports'

/** The gateway's binary: its name in staging, output-dir and the archive. */
export const HOST_FILE = 'bifrost-http'
