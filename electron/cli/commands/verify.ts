/**
 * `hooklens verify`: checks a request file (or a stored event) against a scheme and secrets, and
 * prints {scheme, status, reason, diagnosis} as JSON. Exit 0 when valid, 1 when not, 2 on misuse.
 */
import { readFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import type { Command } from 'commander'
import type { Verification } from '../../../shared/event'
import {
  genericOptions,
  inputFromEvent,
  isSchemeId,
  JwksCache,
  parseRequestFile,
  RequestFileError,
  SEALED_SECRET_PREFIX,
  verifyRequest,
  type VerifierConfig,
  type VerifyInput,
} from '../../core/verify'
import { CliFailure, UsageError } from '../errors'
import { openEventLogReader } from '../../core/store/open-reader'
import { cliDataDir } from '../data-dir'
import { readSettings } from '../settings-access'
import { resolveEventId } from '../event-id'
import { safeLine, terminalJson } from '../terminal-text'
import { BADGE } from '../format-event'

export interface VerifyFlags {
  scheme?: string
  secret: string[]
  secretEnv: string[]
  at?: string
  tolerance?: string
  url?: string
  option: string[]
  dataDir?: string
  json?: boolean
  text?: boolean
}

const collect = (value: string, previous: string[]): string[] => [...previous, value]

export function registerVerify(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('verify')
    .description('verify a request file or a stored event, and say why a signature fails')
    .argument(
      '<target>',
      'request JSON file {method, url, headers, body | bodyBase64}, - for stdin, or an event id (a prefix, or "last")',
    )
    .option('--scheme <id>', 'scheme id from the catalog, hmac, or auto')
    .option('--secret <secret>', 'secret, token or public key (repeat for rotation)', collect, [])
    .option(
      '--secret-env <name>',
      'read a secret from this environment variable (repeatable)',
      collect,
      [],
    )
    .option(
      '--at <unixSeconds>',
      'verify as of this time (default: the file’s receivedAt, else now)',
    )
    .option('--tolerance <seconds>', 'timestamp tolerance in seconds (0 disables the check)')
    .option('--url <url>', 'the URL the sender signed (twilio, square, hmac {url})')
    .option(
      '--option <key=value>',
      'scheme option, e.g. header=X-Signature for hmac (repeatable)',
      collect,
      [],
    )
    .option('--data-dir <dir>', 'data directory holding stored events and saved verifiers')
    .option('--json', 'print {scheme, status, reason, diagnosis} as JSON (the default when piped)')
    .option('--text', 'print a readable verdict (the default on a terminal)')
    .action(async (target: string, flags: VerifyFlags) => {
      if (flags.json && flags.text) throw new UsageError('give --json or --text, not both')
      const result = await runVerify(target, flags)
      // JSON stays the piped default: scripts written against earlier versions parse it.
      const text = flags.text || (!flags.json && process.stdout.isTTY === true)
      process.stdout.write(
        text ? verdictText(result) : terminalJson(JSON.stringify(result, null, 2)) + '\n',
      )
      setExitCode(result.status === 'valid' ? 0 : 1)
    })
}

export interface VerifyOutput {
  scheme: string | null
  status: Verification['status']
  reason: string
  diagnosis: Verification['diagnosis'] | null
  event?: string
}

// The summary lines' marks; `verify` says "no signature" where a summary line says nothing.
const MARK: Record<string, string> = { ...BADGE, none: '· no signature' }

/** The verdict for a person: one line with the reason, then the diagnosis details. */
export function verdictText(r: VerifyOutput): string {
  const head = `${MARK[r.status] ?? r.status}${r.scheme ? `  ${r.scheme}` : ''}${r.event ? `  event ${r.event}` : ''}`
  const lines = [head, `  ${r.reason}`]
  if (r.diagnosis && r.diagnosis.message !== r.reason) lines.push(`  ${r.diagnosis.message}`)
  for (const [k, v] of Object.entries(r.diagnosis?.details ?? {})) {
    const words = k.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase()
    lines.push(`  ${words}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
  }
  return `${lines.map(safeLine).join('\n')}\n`
}

export async function runVerify(target: string, flags: VerifyFlags): Promise<VerifyOutput> {
  const at = flags.at === undefined ? undefined : number(flags.at, '--at')
  const secrets = [...flags.secret, ...flags.secretEnv.map(fromEnv)]
  const cliVerifier = buildVerifier(flags, secrets)
  let input: VerifyInput
  let verifiers: VerifierConfig[]
  let event: string | undefined
  if (target === '-' || existsSync(target)) {
    const text = target === '-' ? await readStdin() : await readFile(target, 'utf8')
    try {
      input = parseRequestFile(text, { at, url: flags.url })
    } catch (err) {
      if (err instanceof RequestFileError) throw new UsageError(err.message)
      throw err
    }
    verifiers = cliVerifier ? [cliVerifier] : []
  } else if (/^(last|[0-9A-HJKMNP-TV-Z]{4,26})$/i.test(target)) {
    const stored = await loadStoredEvent(target, flags.dataDir)
    input = at === undefined ? stored.input : { ...stored.input, receivedAt: new Date(at * 1000) }
    verifiers = cliVerifier ? [cliVerifier] : stored.verifiers
    event = stored.id
  } else {
    throw new UsageError(`${target}: no such file, and not an event id`)
  }
  const v = await verifyRequest(input, verifiers, { jwks: new JwksCache() })
  const out: VerifyOutput = {
    scheme: v.scheme,
    status: v.status,
    reason: v.reason,
    diagnosis: v.diagnosis ?? null,
  }
  return event ? { event, ...out } : out
}

function buildVerifier(flags: VerifyFlags, secrets: string[]): VerifierConfig | null {
  if (!flags.scheme && secrets.length === 0) return null
  const scheme = flags.scheme ?? 'auto'
  if (scheme !== 'auto' && !isSchemeId(scheme))
    throw new UsageError(`unknown scheme "${scheme}" (see the catalog ids, hmac or auto)`)
  const options: Record<string, unknown> = {}
  for (const kv of flags.option) {
    const eq = kv.indexOf('=')
    if (eq <= 0) throw new UsageError(`--option expects key=value, got "${kv}"`)
    options[kv.slice(0, eq)] = kv.slice(eq + 1)
  }
  if (flags.url) options.url = flags.url
  if (scheme === 'hmac') {
    try {
      genericOptions(options)
    } catch (err) {
      throw new UsageError(`hmac scheme: ${(err as Error).message}`)
    }
  }
  const tolerance =
    flags.tolerance === undefined ? undefined : number(flags.tolerance, '--tolerance')
  return { id: 'cli', name: 'command line', scheme, secrets, tolerance, options }
}

function number(s: string, flag: string): number {
  const n = Number(s)
  if (s.trim() === '' || !Number.isFinite(n))
    throw new UsageError(`${flag} expects a number, got "${s}"`)
  return n
}

function fromEnv(name: string): string {
  const v = process.env[name]
  if (v === undefined) throw new UsageError(`--secret-env ${name}: the variable is not set`)
  return v
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const c of process.stdin) chunks.push(c as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/** A stored event and the saved verifiers, read without disturbing a running `listen`. */
async function loadStoredEvent(
  typed: string,
  dataDir?: string,
): Promise<{ id: string; input: VerifyInput; verifiers: VerifierConfig[] }> {
  const dir = cliDataDir(dataDir, { mustExist: true })
  const store = await openEventLogReader(dir)
  let event
  try {
    event = await store.getFull(resolveEventId(typed, () => store.ids(), dir))
  } finally {
    await store.close()
  }
  if (!event) throw new CliFailure(`no event ${typed} in ${dir}`)
  const s = readSettings(dir)
  return {
    id: event.id,
    input: inputFromEvent(event, `http://127.0.0.1:${s.receiver.port}`),
    verifiers: s.verifiers.map(openable),
  }
}

/** Secrets the desktop app sealed with the OS keychain cannot be opened here: say so, skip them. */
function openable(v: VerifierConfig): VerifierConfig {
  const secrets = v.secrets.filter((secret) => !secret.startsWith(SEALED_SECRET_PREFIX))
  const sealed = v.secrets.length - secrets.length
  if (sealed > 0) {
    process.stderr.write(
      `hooklens: verifier ${v.name ?? v.id}: ${sealed} secret(s) are encrypted by the desktop app and cannot be read here; pass --scheme and --secret to verify with them\n`,
    )
  }
  return { ...v, secrets }
}
