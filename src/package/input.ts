/**
 * What the package stage is given, and the shapes its steps hand each other while they
 * assemble. In a file of their own so that every step (describe, assemble, place) shares them
 * without importing the stage's entry, index.ts, which imports the steps.
 */
import type { FileFacts } from '../context.js'
import type { Reporter } from '../report.js'
import type { StageResults } from './manifest.js'

export interface PackageInput extends StageResults {
  timings: { stage: string; ms: number; status?: 'ok' | 'failed' | 'skipped' }[]
  reporter: Reporter
  /** Cancelling stops before anything is moved into output-dir. */
  signal?: AbortSignal
  /** For SOURCE_DATE_EPOCH; defaults to process.env. */
  env?: NodeJS.ProcessEnv
}

/** A binary in the content tree: its output name, and verify's facts about that very file. */
export interface StagedBinary {
  file: string
  kind: 'host' | 'plugin'
  facts?: FileFacts
}

/** Where everything is assembled: `tmp` inside output-dir, the archive's tree in `content`. */
export interface Assembly {
  outputDir: string
  tmp: string
  content: string
}

/** The archive (or the image archive) as the manifest and the result list it. */
export interface ArchiveEntry {
  name: string
  size: number
  sha256: string
}
