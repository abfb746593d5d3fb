/**
 * The artifact service boundary. @actions/artifact is loaded only when an upload happens
 * (it is large and most local runs never need it); tests pass their own `ArtifactUploader`.
 */
import { BuildError } from '../errors.js'

export interface UploadOptions {
  retentionDays?: number
  /** 0: the tar.gz is already compressed, a second deflate only costs time. */
  compressionLevel?: number
}

export interface UploadResponse {
  id?: number
  size?: number
  digest?: string
}

/** The part of @actions/artifact's client we use. */
export interface ArtifactUploader {
  uploadArtifact(
    name: string,
    files: string[],
    rootDirectory: string,
    options?: UploadOptions
  ): Promise<UploadResponse>
}

export async function defaultUploader(): Promise<ArtifactUploader> {
  const { DefaultArtifactClient } = await import('@actions/artifact')
  return new DefaultArtifactClient()
}

/** Why the artifact service cannot be used here, or undefined when it can. */
export function serviceUnavailable(env: NodeJS.ProcessEnv): string | undefined {
  const missing = ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RESULTS_URL'].filter(k => !env[k])
  if (missing.length === 0) return undefined
  return `no artifact service here (${missing.join(' and ')} not set: a local run, @github/local-action or another CI)`
}

export function artifactUrl(env: NodeJS.ProcessEnv, id: number | undefined): string | undefined {
  const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID } = env
  if (id === undefined || !GITHUB_SERVER_URL || !GITHUB_REPOSITORY || !GITHUB_RUN_ID)
    return undefined
  return `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}/artifacts/${id}`
}

/** The service's own words, with what the user can do about the usual causes. */
export function uploadError(name: string, err: unknown): BuildError {
  const reason = (err instanceof Error ? err.message : String(err)).trim()
  if (/\b409\b|conflict|already exists/i.test(reason)) {
    return new BuildError(`uploading artifact "${name}" failed: ${reason}`, {
      input: 'artifact-name',
      fix: 'give each matrix job its own artifact-name (the default includes version, target, libc and mode)',
      cause: err
    })
  }
  if (/quota|storage|\b403\b/i.test(reason)) {
    return new BuildError(`uploading artifact "${name}" failed: ${reason}`, {
      input: 'retention-days',
      fix: 'delete old artifacts or lower retention-days; the files are still in output-dir',
      cause: err
    })
  }
  return new BuildError(`uploading artifact "${name}" failed: ${reason}`, {
    fix: 're-run the job; the files are still in output-dir (set upload: false to skip uploading)',
    cause: err
  })
}
