/**
 * What the pipeline's steps call of each stage, in one table. The later stages are loaded when
 * they are reached, not at start-up: the first log line then waits only for the plan and
 * toolchain code (docs/performance.md, time to the first log line). A test passes its own
 * entries (PipelineOptions.stages) instead of replacing modules.
 */
import { describePlan, draftPlan, pinPlan } from './plan/index.js'
import { toolchainRequest } from './plan/go-request.js'
import { resolveGoVersion, setupGo } from './toolchain/index.js'

/** A stage's function as a step calls it: sync or async, always awaited. */
type Entry<F extends (...a: never[]) => unknown> = (
  ...a: Parameters<F>
) => Awaited<ReturnType<F>> | Promise<Awaited<ReturnType<F>>>
type Lazy<M, K extends keyof M> = M[K] extends (...a: never[]) => unknown ? Entry<M[K]> : never
type BuildModule = typeof import('./build/index.js')
type PluginsModule = typeof import('./build/plugins.js')
type HostPlanModule = typeof import('./plan/host-plan.js')
type VerifyInputsModule = typeof import('./plan/verify-inputs.js')
type CacheModule = typeof import('./cache/index.js')
type VerifyModule = typeof import('./verify/index.js')
type PackageModule = typeof import('./package/index.js')
type PublishModule = typeof import('./publish/index.js')
type ImageModule = typeof import('./package/image.js')
type PushModule = typeof import('./publish/push.js')
type SettingsModule = typeof import('./toolchain/settings.js')
type CommandsModule = typeof import('./build/commands.js')

/** What the steps call of each stage; a test passes its own in PipelineOptions.stages. */
export interface StageEntries {
  toolchainRequest: Entry<typeof toolchainRequest>
  draftPlan: Entry<typeof draftPlan>
  describePlan: Entry<typeof describePlan>
  pinPlan: Entry<typeof pinPlan>
  planFromHost: Lazy<HostPlanModule, 'planFromHost'>
  describeHost: Lazy<HostPlanModule, 'describeHost'>
  verifyOnlyInput: Lazy<VerifyInputsModule, 'verifyOnlyInput'>
  resolveGoVersion: Entry<typeof resolveGoVersion>
  setupGo: Entry<typeof setupGo>
  readGoSettings: Lazy<SettingsModule, 'readGoSettings'>
  buildVars: Lazy<CommandsModule, 'buildVars'>
  restoreCache: Lazy<CacheModule, 'restoreCache'>
  cacheAfterSuccess: Lazy<CacheModule, 'cacheAfterSuccess'>
  build: Lazy<BuildModule, 'build'>
  buildPlugins: Lazy<PluginsModule, 'buildPlugins'>
  verify: Lazy<VerifyModule, 'verify'>
  verifyImage: Lazy<VerifyModule, 'verifyImage'>
  verifyInHostImage: Lazy<VerifyModule, 'verifyInHostImage'>
  assembleImage: Lazy<ImageModule, 'assembleImage'>
  pushImage: Lazy<PushModule, 'pushImage'>
  clearPublishedOutputs: Lazy<PackageModule, 'clearPublishedOutputs'>
  removeLeftoverAssemblies: Lazy<PackageModule, 'removeLeftoverAssemblies'>
  packageOutputs: Lazy<PackageModule, 'packageOutputs'>
  publish: Lazy<PublishModule, 'publish'>
  setOutputs: Lazy<PublishModule, 'setOutputs'>
}

export const STAGES: StageEntries = {
  toolchainRequest,
  draftPlan,
  describePlan,
  pinPlan,
  planFromHost: async (...a) => (await import('./plan/host-plan.js')).planFromHost(...a),
  describeHost: async (...a) => (await import('./plan/host-plan.js')).describeHost(...a),
  verifyOnlyInput: async (...a) => (await import('./plan/verify-inputs.js')).verifyOnlyInput(...a),
  resolveGoVersion,
  setupGo,
  readGoSettings: async (...a) => (await import('./toolchain/settings.js')).readGoSettings(...a),
  buildVars: async (...a) => (await import('./build/commands.js')).buildVars(...a),
  restoreCache: async (...a) => (await import('./cache/index.js')).restoreCache(...a),
  cacheAfterSuccess: async (...a) => (await import('./cache/index.js')).cacheAfterSuccess(...a),
  build: async (...a) => (await import('./build/index.js')).build(...a),
  buildPlugins: async (...a) => (await import('./build/plugins.js')).buildPlugins(...a),
  verify: async (...a) => (await import('./verify/index.js')).verify(...a),
  verifyImage: async (...a) => (await import('./verify/index.js')).verifyImage(...a),
  verifyInHostImage: async (...a) => (await import('./verify/index.js')).verifyInHostImage(...a),
  assembleImage: async (...a) => (await import('./package/image.js')).assembleImage(...a),
  pushImage: async (...a) => (await import('./publish/push.js')).pushImage(...a),
  clearPublishedOutputs: async (...a) =>
    (await import('./package/index.js')).clearPublishedOutputs(...a),
  removeLeftoverAssemblies: async (...a) =>
    (await import('./package/index.js')).removeLeftoverAssemblies(...a),
  packageOutputs: async (...a) => (await import('./package/index.js')).packageOutputs(...a),
  publish: async (...a) => (await import('./publish/index.js')).publish(...a),
  setOutputs: async (...a) => (await import('./publish/index.js')).setOutputs(...a)
}
