// Test runner config: unit, integration and end-to-end layers under test/.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Two cores here and in CI: integration tests spawn processes and open ports.
    maxWorkers: 2,
  },
})
