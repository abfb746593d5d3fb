/** Makes a value safe inside a markdown table cell (BUILD.md, the job summary). */
export function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}
