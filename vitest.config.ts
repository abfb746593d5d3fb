import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts'],
    // Real go builds: a few seconds each on a 2-core machine, and they share GOCACHE.
    testTimeout: 300_000,
    hookTimeout: 600_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
    minWorkers: 1,
    globalSetup: ['__tests__/helpers/global-setup.ts']
  }
})
