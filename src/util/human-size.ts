/** Sizes for people (logs, BUILD.md, the job summary, the CLI): `512 B`, `3.4 KiB`, `41.2 MiB`. */
export function humanSize(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`
  return `${(n / 1024 / 1024).toFixed(1)} MiB`
}
