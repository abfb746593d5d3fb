import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts'],
    // Real go builds: a few seconds each on a 2-core machine, and they share GOCACHE.
    testTimeout: 300_000,
    hookTimeout: 600_000,
    // Child processes (the tests spawn go, node, act) and the workers' RPC to the main process:
    // forks keep every test file in its own process. That RPC has a fixed 60 s deadline in
    // vitest 3 (no setting changes it), and it is missed when a worker's event loop is blocked,
    // so no test may wait on a child process synchronously: __tests__/no-sync-spawn.test.ts.
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
    minWorkers: 1,
    globalSetup: ['__tests__/helpers/global-setup.ts']
  }
})
