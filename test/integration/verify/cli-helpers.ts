/**
 * Runs the `hooklens` CLI for the verify suites: in-process through main() (fast, for the many
 * vectors) or as the real binary (bin/hooklens.mjs) for a handful of end-to-end checks.
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { vi } from 'vitest'

export const BIN = fileURLToPath(new URL('../../../bin/hooklens.mjs', import.meta.url))

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

/** main() in this process, with stdout/stderr captured. */
export async function runInProcess(args: string[]): Promise<CliResult> {
  const { main } = await import('../../../electron/cli/main')
  let stdout = ''
  let stderr = ''
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += chunk.toString()
    return true
  })
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += chunk.toString()
    return true
  })
  try {
    const code = await main(args)
    return { code, stdout, stderr }
  } finally {
    out.mockRestore()
    err.mockRestore()
  }
}

/** The real binary, as a user runs it. */
export function runBinary(
  args: string[],
  opts: { stdin?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, ...opts.env },
      stdio: 'pipe',
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
    child.stdin.end(opts.stdin ?? '')
  })
}
