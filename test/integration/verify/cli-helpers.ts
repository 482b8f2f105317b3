/**
 * Runs the `hooklens` CLI for the verify suites: in-process through main() (fast, for the many
 * vectors) or as the real binary (bin/hooklens.mjs) for a handful of end-to-end checks.
 */
import { vi } from 'vitest'
import { runCli } from '../../helpers/hooklens-cli'

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
export async function runBinary(
  args: string[],
  opts: { stdin?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliResult> {
  const r = await runCli(args, opts.stdin, opts.env)
  return { ...r, code: r.code ?? -1 }
}
