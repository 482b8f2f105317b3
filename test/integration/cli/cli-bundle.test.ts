/**
 * bin/hooklens.mjs starts the CLI from an esbuild bundle it builds on first use: these tests run
 * it in a copy of the project (its own sources and cache, node_modules linked package by package
 * so one can be left out) and check that the second start runs the bundle with no tsx at all,
 * that a source change rebuilds it, that concurrent first starts all work, and that a failed
 * build or a broken bundle falls back to the TypeScript sources and says why.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { cp, mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ROOT } from '../../helpers/hooklens-cli'
import { tempDir } from '../../helpers/temp-dir'

const cleanups: (() => Promise<void>)[] = []
afterAll(() => Promise.all(cleanups.map((c) => c())))

/** A copy of the CLI's sources whose node_modules holds every package except `without`. */
async function projectCopy(without: string[] = []): Promise<string> {
  const { dir, cleanup } = await tempDir('hooklens-cli-copy-')
  cleanups.push(cleanup)
  for (const part of ['bin', 'electron', 'shared', 'package.json']) {
    await cp(join(ROOT, part), join(dir, part), { recursive: true })
  }
  await mkdir(join(dir, 'node_modules'))
  for (const name of await readdir(join(ROOT, 'node_modules'))) {
    if (without.includes(name) || name === '.cache') continue
    await symlink(join(ROOT, 'node_modules', name), join(dir, 'node_modules', name))
  }
  return dir
}

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

function hooklens(root: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [join(root, 'bin', 'hooklens.mjs'), ...args], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', HOOKLENS_CLI_DEBUG: '1', ...env },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', rej)
    child.on('close', (code) => res({ code, stdout, stderr }))
    child.stdin.end()
  })
}

const BUILT = /cli built in \d+ ms/
const FROM_BUNDLE = /cli from bundle /

// Each test starts the CLI several times, builds included, on a shared machine.
describe('hooklens start-up from a bundle', { timeout: 90_000 }, () => {
  it('builds on the first start and runs the bundle on the next ones, without tsx', async () => {
    const root = await projectCopy(['tsx'])
    const first = await hooklens(root, ['--help'])
    expect(first.stderr).toMatch(BUILT)
    expect(first.code).toBe(0)
    expect(first.stdout).toContain('send [options] <platform>')

    const { dir: data } = await tempDir()
    const second = await hooklens(root, ['events', 'list', '--data-dir', data])
    expect(second.stderr).toMatch(FROM_BUNDLE)
    expect(second.stderr).not.toMatch(BUILT)
    expect(second.stderr).toContain('no events')
    expect(second.code).toBe(0)
    // The bundle lives in the project's out/cli and names the sources it was built from.
    const stamp = JSON.parse(await readFile(join(root, 'out/cli/current.json'), 'utf8'))
    expect(stamp.inputs.map((i: [string]) => i[0])).toContain('electron/cli/commands/events.ts')
  })

  it('rebuilds when a source file changes, and runs the new code', async () => {
    const root = await projectCopy()
    expect((await hooklens(root, ['events', '--help'])).stderr).toMatch(BUILT)
    const file = join(root, 'electron/cli/commands/events.ts')
    const source = await readFile(file, 'utf8')
    await writeFile(file, source.replace("'list and show stored events'", "'CHANGED events'"))

    const changed = await hooklens(root, ['events', '--help'])
    expect(changed.stderr).toMatch(BUILT)
    expect(changed.stdout).toContain('CHANGED events')
    expect(changed.code).toBe(0)
    const again = await hooklens(root, ['--version'])
    expect(again.stderr).toMatch(FROM_BUNDLE)
  })

  it('concurrent first starts all work and leave one valid stamp', async () => {
    const root = await projectCopy(['tsx'])
    const runs = await Promise.all([1, 2, 3].map(() => hooklens(root, ['--help'])))
    for (const run of runs) {
      expect(run.stderr).not.toContain('could not')
      expect(run.code).toBe(0)
      expect(run.stdout).toContain('Commands:')
    }
    const after = await hooklens(root, ['--help'])
    expect(after.stderr).toMatch(FROM_BUNDLE)
    expect(after.code).toBe(0)
    const leftovers = (await readdir(join(root, 'out/cli'))).filter((f) => f.endsWith('.tmp'))
    expect(leftovers).toEqual([])
  })

  it('works with the cache outside the project (HOOKLENS_CLI_CACHE)', async () => {
    const root = await projectCopy(['tsx'])
    const { dir: cache } = await tempDir('hooklens-cli-cache-')
    const env = { HOOKLENS_CLI_CACHE: cache }
    const first = await hooklens(root, ['--version'], env)
    expect(first.stderr).toMatch(BUILT)
    expect(first.code).toBe(0)
    const second = await hooklens(root, ['events', '--help'], env)
    expect(second.stderr).toMatch(FROM_BUNDLE)
    expect(second.stdout).toContain('list and show stored events')
    expect(second.code).toBe(0)
  })

  it('falls back to the TypeScript sources, saying why, when esbuild is missing', async () => {
    const root = await projectCopy(['esbuild'])
    const run = await hooklens(root, ['--help'])
    expect(run.stderr).toMatch(/could not build the command line \(.*esbuild.*\); running it from/)
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Commands:')
  })

  it('falls back when the cache cannot be written', async () => {
    const root = await projectCopy()
    await writeFile(join(root, 'not-a-dir'), '')
    const unwritable = await hooklens(root, ['--version'], {
      HOOKLENS_CLI_CACHE: join(root, 'not-a-dir', 'cli'),
    })
    expect(unwritable.stderr).toMatch(/could not build the command line \(.*ENOTDIR/)
    expect(unwritable.code).toBe(0)
    expect(unwritable.stdout).toMatch(/^\d+\.\d+\.\d+/)
  })

  it('builds again when the bundle the stamp names cannot be loaded', async () => {
    const root = await projectCopy(['tsx'])
    expect((await hooklens(root, ['--version'])).stderr).toMatch(BUILT)
    const stamp = JSON.parse(await readFile(join(root, 'out/cli/current.json'), 'utf8'))
    await writeFile(join(root, 'out/cli', stamp.dir, 'main.mjs'), 'this is not javascript')
    const broken = await hooklens(root, ['--help'])
    expect(broken.stderr).toMatch(/could not load .*main\.mjs .*building it again/)
    expect(broken.stderr).toMatch(BUILT)
    expect(broken.code).toBe(0)
    expect(broken.stdout).toContain('Commands:')
    expect((await hooklens(root, ['--help'])).stderr).toMatch(FROM_BUNDLE)
  })
})
