/**
 * `hooklens secrets add|list|remove`: the saved verifiers (scheme, secrets, tolerance, path) in
 * the data directory's settings. Lists show secrets masked; nothing here prints a secret.
 */
import { randomBytes } from 'node:crypto'
import type { Command } from 'commander'
import { maskSecret, validateVerifier, type VerifierConfig } from '../../core/verify'
import { cliDataDir } from '../data-dir'
import { CliFailure, UsageError } from '../errors'
import { editSettings, inspectSettings } from '../settings-access'
import { safeLine } from '../terminal-text'

interface AddFlags {
  path?: string
  tolerance?: string
  name?: string
  option: string[]
  dataDir?: string
}

const collect = (value: string, previous: string[]): string[] => [...previous, value]

export function registerSecrets(program: Command): void {
  const secrets = program
    .command('secrets')
    .description('saved verifiers: scheme, secrets, tolerance, path')

  secrets
    .command('add')
    .description('save a verifier; SECRET "-" reads it from stdin (keeps it out of shell history)')
    .argument('<scheme>', 'scheme id from the catalog, hmac, or auto')
    .argument('<secret...>', 'one or more secrets (several: key rotation)')
    .option('--path <pattern>', 'receiver path glob it applies to, e.g. /hooks/*')
    .option('--tolerance <seconds>', 'timestamp tolerance in seconds (0 disables the check)')
    .option('--name <name>', 'a name shown in verdicts')
    .option(
      '--option <key=value>',
      'scheme option, e.g. header=X-Signature for hmac (repeatable)',
      collect,
      [],
    )
    .option('--data-dir <dir>', 'data directory')
    .action(async (scheme: string, given: string[], flags: AddFlags) => {
      const list = await Promise.all(
        given.map((s) => (s === '-' ? readStdinLine() : Promise.resolve(s))),
      )
      const v = buildVerifier(scheme, list, flags)
      editSettings(cliDataDir(flags.dataDir), (store) => {
        store.update({ verifiers: [...store.get().verifiers, v] })
      })
      process.stdout.write(`added verifier ${v.id} (${describe(v)})\n`)
    })

  secrets
    .command('list')
    .description('list saved verifiers with masked secrets')
    .option('--json', 'print JSON')
    .option('--data-dir <dir>', 'data directory')
    .action((flags: { json?: boolean; dataDir?: string }) => {
      // Read-only: parses the file itself, so a broken one is reported, never moved or reset.
      const { settings, problems } = inspectSettings(cliDataDir(flags.dataDir, { mustExist: true }))
      if (problems.length > 0) {
        throw new CliFailure(
          `${problems.join('; ')} — the file was not changed; fix it and run again`,
        )
      }
      const verifiers = settings.verifiers
      const masked = verifiers.map((v) => ({ ...v, secrets: v.secrets.map(maskSecret) }))
      if (flags.json) process.stdout.write(JSON.stringify(masked, null, 2) + '\n')
      else if (masked.length === 0) process.stdout.write('no verifiers saved\n')
      else
        for (const v of masked)
          process.stdout.write(`${safeLine(`${v.id}  ${describe(v)}  ${v.secrets.join(', ')}`)}\n`)
    })

  secrets
    .command('remove')
    .description('remove a saved verifier by id')
    .argument('<id>', 'verifier id (see secrets list)')
    .option('--data-dir <dir>', 'data directory')
    .action((id: string, flags: { dataDir?: string }) => {
      editSettings(cliDataDir(flags.dataDir, { mustExist: true }), (store) => {
        const verifiers = store.get().verifiers
        if (!verifiers.some((v) => v.id === id)) throw new CliFailure(`no verifier ${id}`)
        store.update({ verifiers: verifiers.filter((v) => v.id !== id) })
      })
      process.stdout.write(`removed verifier ${id}\n`)
    })
}

function buildVerifier(scheme: string, secrets: string[], flags: AddFlags): VerifierConfig {
  const options: Record<string, unknown> = {}
  for (const kv of flags.option) {
    const eq = kv.indexOf('=')
    if (eq <= 0) throw new UsageError(`--option expects key=value, got "${kv}"`)
    options[kv.slice(0, eq)] = kv.slice(eq + 1)
  }
  const tolerance = flags.tolerance === undefined ? undefined : Number(flags.tolerance)
  if (
    flags.tolerance !== undefined &&
    (flags.tolerance.trim() === '' || !Number.isFinite(tolerance))
  ) {
    throw new UsageError(`--tolerance expects a number, got "${flags.tolerance}"`)
  }
  const v: VerifierConfig = { id: `v_${randomBytes(4).toString('hex')}`, scheme, secrets }
  if (flags.name) v.name = flags.name
  if (flags.path) v.path = flags.path
  if (tolerance !== undefined) v.tolerance = tolerance
  if (Object.keys(options).length) v.options = options
  const problems = validateVerifier(v)
  if (problems.length) throw new UsageError(problems.join('; '))
  return v
}

function describe(v: VerifierConfig): string {
  const parts = [v.scheme]
  if (v.name) parts.push(`"${v.name}"`)
  parts.push(`path ${v.path ?? '(any)'}`)
  if (v.tolerance !== undefined) parts.push(`tolerance ${v.tolerance} s`)
  parts.push(`${v.secrets.length} secret${v.secrets.length === 1 ? '' : 's'}`)
  return parts.join(', ')
}

async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const c of process.stdin) chunks.push(c as Buffer)
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '')
}
