/**
 * Builds the CLI bundle for bin/cli-loader.mjs: electron/cli/main.ts and everything it imports
 * from the project, bundled by esbuild into ES modules for Node 20 (packages stay imports of
 * node_modules; each command module is its own chunk, loaded when that command runs).
 *
 * Concurrent first runs are safe: each build writes to a folder of its own, then publishes it
 * by writing the stamp to a temporary file and renaming it over current.json (atomic), so a
 * reader sees the old stamp or the new one, never half of one. Whichever process renames last
 * wins; every process runs the build it made. Folders of superseded builds are removed a day
 * later (a long-running `listen` may still load chunks from its own).
 */
import { mkdir, readdir, readFile, rename, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { extname, isAbsolute, join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { randomBytes } from 'node:crypto'
import { RECIPE } from './cli-loader.mjs'

const KEEP_OLD_BUILDS_MS = 24 * 60 * 60_000
const LOADERS = {
  '.ts': 'ts',
  '.tsx': 'tsx',
  '.mts': 'ts',
  '.js': 'js',
  '.mjs': 'js',
  '.json': 'json',
}

/** Builds, publishes the stamp and returns the path of the new build's main.mjs. */
export async function buildCli(paths) {
  const { build } = await import('esbuild')
  await mkdir(paths.cacheDir, { recursive: true })
  await linkPackages(paths)
  const dir = `build-${Date.now().toString(36)}-${process.pid}-${randomBytes(4).toString('hex')}`
  const outdir = join(paths.cacheDir, dir)
  const inputs = new Map()
  try {
    await build({
      absWorkingDir: paths.root,
      entryPoints: { main: paths.entry },
      outdir,
      outExtension: { '.js': '.mjs' },
      chunkNames: 'chunks/[name]-[hash]',
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      logLevel: 'silent',
      plugins: [readSources(paths.root, inputs)],
    })
  } catch (err) {
    await rm(outdir, { recursive: true, force: true })
    throw err
  }
  const stamp = { recipe: RECIPE, root: paths.root, dir, inputs: [...inputs.values()] }
  const temp = `${paths.stampFile}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`
  await writeFile(temp, JSON.stringify(stamp))
  try {
    await rename(temp, paths.stampFile)
  } catch {
    // Windows refuses to replace a file another process has open: this run still uses the
    // build it made, and a later one publishes its own.
    await rm(temp, { force: true })
  }
  await removeOldBuilds(paths.cacheDir, dir).catch(() => {})
  return join(outdir, 'main.mjs')
}

/**
 * The bundle imports packages by name, which Node looks up in node_modules folders above the
 * bundle: a cache outside the project (HOOKLENS_CLI_CACHE) gets a link to the project's.
 */
async function linkPackages(paths) {
  const inside = relative(paths.root, paths.cacheDir)
  if (!inside.startsWith('..') && !isAbsolute(inside)) return
  await symlink(
    join(paths.root, 'node_modules'),
    join(paths.cacheDir, 'node_modules'),
    'junction',
  ).catch((err) => {
    if (err.code !== 'EEXIST') throw err
  })
}

/**
 * Reads every project source for esbuild, so the stamp records exactly what was bundled: a
 * file's mtime and size are taken before it is read, hence an edit during the build leaves a
 * stamp that no longer matches and the next run rebuilds. `import.meta.url` is replaced by the
 * source file's own URL, so code that finds files relative to itself (the inspector's build
 * folder, createRequire) behaves as it does under tsx.
 */
function readSources(root, inputs) {
  return {
    name: 'hooklens-read-sources',
    setup(b) {
      b.onLoad({ filter: /.*/, namespace: 'file' }, async (args) => {
        const loader = LOADERS[extname(args.path)]
        if (!loader) return undefined
        const info = await stat(args.path)
        const text = await readFile(args.path, 'utf8')
        const file = relative(root, args.path)
        inputs.set(file, [file, info.mtimeMs, info.size])
        const url = JSON.stringify(pathToFileURL(args.path).href)
        return { contents: text.replaceAll('import.meta.url', url), loader }
      })
    },
  }
}

async function removeOldBuilds(cacheDir, keep) {
  const now = Date.now()
  for (const entry of await readdir(cacheDir)) {
    if (entry === keep || !entry.startsWith('build-')) continue
    const info = await stat(join(cacheDir, entry)).catch(() => null)
    if (info && now - info.mtimeMs > KEEP_OLD_BUILDS_MS) {
      await rm(join(cacheDir, entry), { recursive: true, force: true })
    }
  }
}
