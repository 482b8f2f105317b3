/**
 * Runs the real `hooklens` command (bin/hooklens.mjs) as a child process: one-shot commands
 * with their output and exit code, and `listen` with the receiver URL it prints.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = resolve(fileURLToPath(import.meta.url), '../../..')
export const BIN = resolve(ROOT, 'bin/hooklens.mjs')

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/** `env` is added to this process's environment (and NO_COLOR=1). */
export function runCli(
  args: string[],
  input?: string | Buffer,
  env: NodeJS.ProcessEnv = {},
): Promise<CliResult> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', ...env },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', rej)
    child.on('close', (code) => res({ code, stdout, stderr }))
    child.stdin.end(input ?? '')
  })
}

export interface ListenHandle {
  child: ChildProcess
  url: string
  port: number
  stdout: () => string
  stderr: () => string
  /** Graceful stop (SIGTERM) and wait for exit. */
  stop(): Promise<number | null>
}

/** `env` is added to this process's environment (and NO_COLOR=1). */
export function startListen(
  args: string[],
  timeoutMs = 30_000,
  env: NodeJS.ProcessEnv = {},
): Promise<ListenHandle> {
  return new Promise((res, rej) => {
    const child = spawn(
      process.execPath,
      [BIN, 'listen', '--port', '0', '--no-tunnel', '--no-ui', ...args],
      {
        cwd: ROOT,
        env: { ...process.env, NO_COLOR: '1', ...env },
      },
    )
    let stdout = ''
    let stderr = ''
    const timer = setTimeout(() => rej(new Error(`listen did not start:\n${stderr}`)), timeoutMs)
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => {
      stderr += d
      const m = /receiving on (http:\/\/[^\s]+:(\d+))/.exec(stderr)
      if (m) {
        clearTimeout(timer)
        res({
          child,
          url: m[1],
          port: Number(m[2]),
          stdout: () => stdout,
          stderr: () => stderr,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done(child.exitCode)
              child.once('exit', (code) => done(code))
              child.kill('SIGTERM')
            }),
        })
      }
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      rej(new Error(`listen exited with ${code}:\n${stderr}`))
    })
  })
}
