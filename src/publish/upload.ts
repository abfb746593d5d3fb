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
  /** Throws an error named ArtifactNotFoundError when there is none of that name. */
  deleteArtifact(name: string): Promise<{ id: number }>
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

/**
 * overwrite: true, as upload-artifact v4 does it: delete the artifact of that name in this
 * run (an earlier attempt of the job), if there is one, then upload.
 */
export async function deleteEarlier(
  uploader: ArtifactUploader,
  name: string
): Promise<number | undefined> {
  try {
    return (await uploader.deleteArtifact(name)).id
  } catch (err) {
    if ((err as Error)?.name === 'ArtifactNotFoundError') return undefined
    // No artifact service on this server: publish says so for the upload as well.
    if ((err as Error)?.name === 'GHESNotSupportedError') throw err
    const reason = (err instanceof Error ? err.message : String(err)).trim()
    throw new BuildError(`deleting the earlier artifact "${name}" failed: ${reason}`, {
      input: 'overwrite',
      fix: 'give this run its own artifact-name, or set overwrite: false (the files are still in output-dir)',
      cause: err
    })
  }
}

/** The service's own words, with what the user can do about the usual causes. */
export function uploadError(name: string, err: unknown): BuildError {
  const reason = (err instanceof Error ? err.message : String(err)).trim()
  if (/\b409\b|conflict|already exists/i.test(reason)) {
    return new BuildError(`uploading artifact "${name}" failed: ${reason}`, {
      input: 'artifact-name',
      fix: 'give each matrix job its own artifact-name (the default includes version, target, libc and mode), or set overwrite: true to replace the artifact of an earlier attempt of this job',
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
