/**
 * BUILD.md: the source document's "document your build environment" page, for a person who
 * has to run these binaries or build a plugin that loads into them. It goes into the archive,
 * so it holds nothing that changes from run to run (no timings, no temp paths).
 */
import type { ModuleVersion, Toolchain } from '../context.js'
import { withFix } from '../errors.js'
import { cell } from '../util/markdown.js'
import { configExample, runtimeBase } from './dockerfile.js'
import { APP_DIR, APP_USER, IMAGE_PLUGIN_DIR } from './runtime.js'
import type { Epoch, ManifestCommand, ManifestFile, StageResults } from './manifest.js'
import { exportLines } from './shell.js'

export interface BuildMdInput extends StageResults {
  files: ManifestFile[]
  commands: ManifestCommand[]
  epoch: Epoch
  /** The checkout as the user named it (relative to the workspace). */
  sourceLabel: string
}

function goOrigin(t: Toolchain): string {
  switch (t.source) {
    case 'dl':
      return `official archive${t.url ? ` ${t.url}` : ''}${t.sha256 ? ` (SHA-256 ${t.sha256}, checked against the download index)` : ''}`
    case 'goproxy':
      return `module \`golang.org/toolchain\` from GOPROXY${t.url ? ` (${t.url})` : ''}, checked against GOSUMDB`
    case 'tool-cache':
      return 'runner tool cache (installed and checked by an earlier run)'
    case 'local':
      return 'the Go already installed on the build machine (go-download-source: local)'
  }
}

function moduleCell(m: ModuleVersion): string {
  const rep = m.replace
    ? ` => ${m.replace.path}${m.replace.version ? ` ${m.replace.version}` : ''}`
    : ''
  return cell(`${m.version}${rep}`)
}

/** What several sections need, worked out once. */
interface Page {
  target: string
  runtime: ReturnType<typeof runtimeBase>
  pluginNames: string[]
}

/** One part of the page: its lines, ending with the blank line that separates it. */
type Section = (input: BuildMdInput, page: Page) => string[]

function title({ plan }: BuildMdInput, { target }: Page): string[] {
  return [
    plan.source.kind === 'host'
      ? `# Plugins for the Bifrost host ${plan.source.host.version} (sha256 ${plan.source.host.sha256.slice(0, 12)}): ${plan.mode} ${plan.libc} ${target}`
      : `# Bifrost ${plan.version}: ${plan.mode} ${plan.libc} ${target}`,
    '',
    `Built by bifrost-build as \`${plan.artifactName}\`. Host and plugins were built with one Go ` +
      'toolchain and one set of flags, then checked to load together. A plugin built any other ' +
      'way (another Go version, libc, flag or module version) will fail to load into this host.',
    ''
  ]
}

/** The build's settings at a glance: Go, mode, libc, target, flags, file times. */
function settingsTable(input: BuildMdInput, { target }: Page): string[] {
  const { plan, toolchain, build, verify } = input
  const glibcFloor =
    verify.glibcFloor ?? (plan.libc === 'glibc' && plan.mode === 'dynamic' ? 'unknown' : 'n/a')
  return [
    '| | |',
    '|---|---|',
    `| Go | ${toolchain.version} |`,
    `| Go from | ${cell(goOrigin(toolchain))} |`,
    `| Mode | ${plan.mode} |`,
    `| libc | ${plan.libc} |`,
    `| Target | ${target} |`,
    `| glibc floor | ${glibcFloor} |`,
    `| C compiler | \`${cell(plan.cc.command)}\` |`,
    `| Source | ${cell(input.sourceLabel)} |`,
    `| Bifrost version | ${cell(plan.version)} |`,
    `| Plugin version | ${cell(plan.pluginVersion)} |`,
    `| UI | ${build.ui} |`,
    `| trimpath | ${plan.trimpath} |`,
    ...(plan.tags.length ? [`| Extra tags | \`${cell(plan.tags.join(','))}\` |`] : []),
    ...(plan.ldflags.length ? [`| Extra ldflags | \`${cell(plan.ldflags.join(' '))}\` |`] : []),
    `| File times | ${new Date(input.epoch.epoch * 1000).toISOString()} (${cell(input.epoch.from)}) |`,
    ''
  ]
}

/** A plugin-only build: the existing host every setting was taken from. */
function builtForHost({ plan }: BuildMdInput): string[] {
  if (plan.source.kind !== 'host') return []
  const h = plan.source.host
  return [
    '## Built for this host',
    '',
    'Only the plugins were built here, with every setting taken from this existing host ' +
      `(${h.kind === 'binary' ? 'its Go build info and ELF headers' : 'the manifest.json of its build'}); ` +
      'they load into this exact file and are checked against it:',
    '',
    '| | |',
    '|---|---|',
    `| Host | \`${cell(h.name)}\` from ${cell(h.from)} |`,
    `| Host sha256 | \`${h.sha256}\` |`,
    `| Host version | ${cell(h.version)} (${cell(h.versionFrom)}) |`,
    `| Host Go | ${h.goVersion} |`,
    ...(h.mainModule ? [`| Host main module | \`${cell(h.mainModule)}\` |`] : []),
    ...(h.vcsRevision ? [`| Host revision | \`${cell(h.vcsRevision)}\` |`] : []),
    '',
    ...(h.unknown.length
      ? [
          'Not recorded in the host, so not reproduced (reported, not guessed):',
          '',
          ...h.unknown.map(u => `- ${u}`),
          ''
        ]
      : [])
  ]
}

function filesSection(input: BuildMdInput): string[] {
  const rows = input.files
    .filter(f => f.kind !== 'doc')
    .map(f => {
      const link = f.linkage ? `${f.linkage}${f.libc ? ` (${f.libc})` : ''}` : ''
      return `| \`${f.name}\` | ${f.size} | \`${f.sha256}\` | ${link} |`
    })
  return [
    '## Files',
    '',
    '| file | size | sha256 | linkage |',
    '|---|---:|---|---|',
    ...rows,
    '',
    'Check them with `sha256sum -c SHA256SUMS` in the extracted archive (or in output-dir); ' +
      'the downloaded artifact verifies with `sha256sum -c <artifact-name>.SHA256SUMS`.',
    ''
  ]
}

/** The Go settings that mattered and the commands, to repeat from the workspace root. */
function howBuilt(input: BuildMdInput): string[] {
  const { plan, toolchain } = input
  const settings = plan.goSettings ?? []
  return [
    '## How it was built',
    '',
    ...(settings.length
      ? [
          'Go settings that changed the build (as `go env -json` read them: the environment, or the GOENV file that `go env -w` writes); the commands below need them too:',
          '',
          '| setting | value | from |',
          '|---|---|---|',
          ...settings.map(s => `| ${s.name} | \`${cell(s.value)}\` | ${cell(s.from)} |`),
          ''
        ]
      : []),
    `Run these from the workspace root (paths are relative to it; \`<output-dir>\` is the output-dir input, e.g. \`bifrost-dist\`), with Go ${toolchain.version} first on PATH ` +
      `(\`go version\` prints \`go${toolchain.version}\`) and \`GOTOOLCHAIN=local\` so Go is never switched:`,
    '',
    '```sh',
    ...exportLines(settings),
    ...input.commands.map(c => c.shell),
    '```',
    ''
  ]
}

/** What the commands alone do not show: the go.work used, and how the UI reached the build. */
function buildNotes({ build }: BuildMdInput): string[] {
  const out: string[] = []
  if (build.goWork)
    out.push(
      `go-work: local: every go command ran in one Go workspace, GOWORK pointing at this go.work (${build.goWork.from === 'checkout' ? "the checkout's go.work with the plugins added" : 'made over every go.mod module of the checkout plus the plugins'}; written outside the checkout, save it as go.work to repeat the commands):`,
      '',
      '```',
      build.goWork.text.trimEnd(),
      '```',
      ''
    )
  if (build.ui === 'placeholder')
    out.push(
      'The UI was a placeholder page (no built `ui/` was present); the API is unaffected.',
      ''
    )
  if (build.ui === 'built' || build.ui === 'placeholder')
    out.push(
      'The UI reached `go build` through `-overlay` (a temp map onto `transports/bifrost-http/ui`, so the checkout was not written to): to repeat the host command, put the site in that directory and drop `-overlay`.',
      ''
    )
  return out
}

/** Per plugin, the modules it shares with the host and their exact versions. */
function sharedModules({ build }: BuildMdInput): string[] {
  const shared = Object.keys(build.sharedModules).sort()
  const out = [
    '## Module versions shared with plugins',
    '',
    'Every module a plugin shares with the host must be at exactly these versions ' +
      "(pin them in the plugin's go.mod), or the loader refuses the plugin with " +
      '"plugin was built with a different version of package".',
    ''
  ]
  if (shared.length === 0) return [...out, 'No plugins were built.', '']
  for (const name of shared) {
    const mods = build.sharedModules[name]
    out.push(`### ${name}`, '')
    if (mods.length === 0) {
      out.push('Shares no modules with the host (only the standard library).', '')
      continue
    }
    out.push('| module | version |', '|---|---|')
    for (const m of mods) out.push(`| \`${cell(m.path)}\` | ${moduleCell(m)} |`)
    out.push('')
  }
  return out
}

function outsideModules({ build }: BuildMdInput): string[] {
  if (!build.outsideReplaces?.length) return []
  return [
    '## Modules from outside the workspace',
    '',
    'These modules were replaced (`replace` in a go.mod or go.work) by directories outside the workspace: their files were built in but are not part of the checkout, so repeating the commands above needs the same directories at the same paths:',
    '',
    '| module | directory | used by |',
    '|---|---|---|',
    ...build.outsideReplaces.map(
      o => `| \`${cell(o.module)}\` | \`${cell(o.dir)}\` | ${cell(o.usedBy.join(', '))} |`
    ),
    ''
  ]
}

function alignedModules({ build }: BuildMdInput): string[] {
  if (!build.skew.length) return []
  return [
    'Aligned to the host (align-modules):',
    '',
    ...build.skew.map(s => `- ${s.plugin}: \`${s.module}\` ${s.pluginVersion} -> ${s.hostVersion}`),
    ''
  ]
}

function verification({ verify }: BuildMdInput): string[] {
  return [
    '## Verification',
    '',
    '| check | file | result | detail |',
    '|---|---|---|---|',
    ...verify.checks.map(
      c => `| ${cell(c.id)} | ${cell(c.subject)} | ${c.status} | ${cell(withFix(c))} |`
    ),
    ...(verify.checks.length === 0 ? ['| (none: verify off) | | skip | |'] : []),
    ''
  ]
}

/** What the machine needs, and the commands that run the host with the plugins. */
function howToRun({ plan }: BuildMdInput, { runtime, pluginNames }: Page): string[] {
  const out = ['## How to run it', '']
  if (plan.mode === 'static') {
    out.push(
      'A static binary: it runs on any Linux of the same architecture and cannot load plugins.',
      ''
    )
  } else {
    out.push(
      `This is a dynamic ${plan.libc} build: the machine or image that runs it needs ${runtime.packages}` +
        (plan.libc === 'musl'
          ? ' (Alpine, or another musl distribution; it will not run on Debian/Ubuntu).'
          : ' (it will not run on Alpine).'),
      ''
    )
  }
  out.push('```sh', 'mkdir -p data/plugins')
  if (pluginNames.length) out.push('cp plugins/*.so data/plugins/')
  out.push('cp config.json data/  # then edit each plugin path to where it is on this machine')
  out.push('./bifrost-http -app-dir ./data -host 0.0.0.0 -port 8080', '```', '')
  if (pluginNames.length)
    out.push(
      'Bifrost reads `<app-dir>/config.json`; each plugin is listed by absolute path ' +
        '(this is the `config.json` beside this file, for the container image):',
      '',
      '```json',
      configExample(pluginNames).trimEnd(),
      '```',
      '',
      'The log then says `plugin status: <name> - active` for each plugin. ' +
        '`failed to load plugin` means the plugin was not built like these files.',
      ''
    )
  return out
}

/** The image this build made, or how to build one from the Dockerfile; the mount note. */
function container(input: BuildMdInput, { target, runtime, pluginNames }: Page): string[] {
  const { plan } = input
  const image = input.image
    ? imageSection(input, pluginNames)
    : [
        `In a container: the \`Dockerfile\` beside this file starts from \`${runtime.image}\`, copies the ` +
          'host to `/app/main`' +
          (pluginNames.length ? ` and the plugins to \`${IMAGE_PLUGIN_DIR}/\`` : '') +
          `, and runs as \`${APP_USER}\` with \`${APP_DIR}\` as its volume:`,
        '',
        '```sh',
        `docker build --platform ${target} -t bifrost:${plan.version} .`,
        `docker run -p 8080:8080 -v ./plugins:${APP_DIR}/plugins bifrost:${plan.version}`,
        '```',
        ''
      ]
  return [...image, ...(pluginNames.length ? mountNote() : [])]
}

/** The page, section by section, in this order. */
const SECTIONS: readonly Section[] = [
  title,
  settingsTable,
  builtForHost,
  filesSection,
  howBuilt,
  buildNotes,
  sharedModules,
  outsideModules,
  alignedModules,
  verification,
  howToRun,
  container
]

export function renderBuildMd(input: BuildMdInput): string {
  const { plan, build, verify } = input
  const page: Page = {
    target: `${plan.target.os}/${plan.target.arch}`,
    runtime: runtimeBase({ mode: plan.mode, libc: plan.libc, glibcFloor: verify.glibcFloor }),
    pluginNames: build.plugins.map(f => f.name).sort()
  }
  return SECTIONS.flatMap(section => section(input, page)).join('\n') + '\n'
}

/** The image this build made (input `image`): its reference pinned by digest, and how to run it. */
function imageSection(input: BuildMdInput, plugins: string[]): string[] {
  const img = input.image!
  const ref = `${img.name.replace(/:[^:/]+$/, '')}@${img.digest}`
  return [
    '## Container image',
    '',
    '| | |',
    '|---|---|',
    `| Image | \`${cell(img.name)}\` |`,
    `| Digest | \`${img.digest}\` |`,
    `| Base | \`${cell(img.base.name)}@${img.base.digest}\` |`,
    `| User | ${cell(img.user)} |`,
    `| Host | \`/app/main\` |`,
    `| Plugins | ${plugins.length ? plugins.map(n => `\`${IMAGE_PLUGIN_DIR}/${n}.so\``).join(', ') : '(none)'} |`,
    `| config.json | \`${APP_DIR}/config.json\` (in the volume \`${APP_DIR}\`) |`,
    `| Load test in a container | ${img.loadTest ? `${img.loadTest.status}: ${cell(img.loadTest.message)}` : 'not run (verify is not full)'} |`,
    '',
    'Pull it by digest (the tag can move, the digest cannot) and run it as the source document does:',
    '',
    '```sh',
    `docker run -p 8080:8080 -v ./plugins:${APP_DIR}/plugins ${ref}`,
    '```',
    ''
  ]
}

/** What the source document's plugin mount hides, and what the volume keeps. */
function mountNote(): string[] {
  return [
    `The plugins built here are in \`${IMAGE_PLUGIN_DIR}/\`, outside the volume, so ` +
      `\`-v ./plugins:${APP_DIR}/plugins\` hides none of them: it hides only what the volume ` +
      `itself holds in \`${APP_DIR}/plugins\` (empty in the image). Put further plugins there and ` +
      `list them in config.json as \`${APP_DIR}/plugins/<name>.so\`. The image's ` +
      `\`config.json\` is the initial content of the volume \`${APP_DIR}\`: a new volume ` +
      '(the anonymous one of the command above, or a new named one) gets it; a volume that ' +
      `already exists keeps its own, and a bind mount on \`${APP_DIR}\` hides it. Then write ` +
      `your own \`config.json\` there, listing \`${IMAGE_PLUGIN_DIR}/<name>.so\`.`,
    ''
  ]
}
