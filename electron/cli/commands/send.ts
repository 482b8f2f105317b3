/**
 * `hooklens send PLATFORM --to URL`: simulate an agent platform — a realistic sample event
 * (a2a, agent-gateway, agentfield, standard-webhooks, stripe, github, slack) signed as that
 * platform signs, sent to your handler or to a running `hooklens listen`.
 */
import { Option, type Command } from 'commander'
import { randomBytes } from 'node:crypto'
import {
  SEND_PLATFORMS,
  buildSample,
  sampleEvents,
  sendSample,
  formatDuration,
} from '../../core/replay'
import { maskSecret } from '../../core/verify'
import { readRuntimeInfo } from '../../core/share/runtime-info'
import { cliDataDir } from '../data-dir'
import { editSettings } from '../settings-access'
import { UsageError } from '../errors'
import { httpUrl, parseIntFlag } from '../parse'
import type { RegisterCommand } from './index'

interface SendFlags {
  to?: string
  dataDir?: string
  secret?: string
  event?: string
  timeout?: number
  json?: boolean
  saveSecret?: boolean
}

export const registerSend: RegisterCommand = (program: Command, setExitCode) => {
  program
    .command('send')
    .description(`send a signed sample event as a platform would (${SEND_PLATFORMS.join(', ')})`)
    .argument('<platform>', SEND_PLATFORMS.join(' | '))
    .option(
      '--to <url>',
      'where to send it (default: the running hooklens of --data-dir, path /hooks/PLATFORM)',
      (v: string) => httpUrl('--to', v),
    )
    .option('--data-dir <dir>', 'data dir of the running hooklens to send to when --to is absent')
    .option('--secret <secret>', "the platform's secret or token (default: a public demo secret)")
    .option(
      '--event <type>',
      'event type (see --help of each platform in the docs; default: the first)',
    )
    .addOption(
      new Option('--timeout <ms>', 'give up after this long').argParser(
        parseIntFlag('--timeout', 1),
      ),
    )
    .option('--json', 'print what was sent and answered as JSON')
    .option(
      '--save-secret',
      'save the secret it signs with as a verifier in --data-dir, so the hooklens there marks it valid',
    )
    .action(async (platform: string, flags: SendFlags) => {
      if (!SEND_PLATFORMS.includes(platform)) {
        throw new UsageError(
          `unknown platform '${platform}' (one of: ${SEND_PLATFORMS.join(', ')})`,
        )
      }
      if (flags.event && !sampleEvents(platform).includes(flags.event)) {
        throw new UsageError(
          `unknown ${platform} event '${flags.event}' (one of: ${sampleEvents(platform).join(', ')})`,
        )
      }
      const to = flags.to ?? runningReceiver(flags.dataDir, platform)
      if (flags.saveSecret) {
        const line = saveSampleSecret(platform, flags, new URL(to).pathname)
        process.stderr.write(`${line}\n`)
      }
      let result
      try {
        result = await sendSample(platform, {
          to,
          secret: flags.secret,
          event: flags.event,
          timeoutMs: flags.timeout,
        })
      } catch (err) {
        if (err instanceof TypeError || /only http/.test((err as Error).message)) {
          throw new UsageError(`--to: ${(err as Error).message}`)
        }
        throw err
      }
      const { sample, attempt } = result
      if (flags.json) {
        // The request as sent, minus the secret (an A2A token travels verbatim in a header).
        const { secretUsed: secret, ...shown } = sample
        const hide = (h: [string, string][]): [string, string][] =>
          h.map(([k, v]) => [k, secret && v.includes(secret) ? maskSecret(v) : v])
        shown.headers = hide(shown.headers)
        attempt.request.headers = hide(attempt.request.headers)
        process.stdout.write(
          `${JSON.stringify({ ...shown, body: sample.body.toString('utf8'), request: attempt.request, response: attempt.response, error: attempt.error, latencyMs: attempt.latencyMs })}\n`,
        )
      } else {
        const head = `${sample.platform} ${sample.eventType} → ${attempt.request.url}`
        process.stdout.write(
          attempt.response
            ? `${attempt.ok ? '✓' : '✗'} ${head}: ${attempt.response.status} in ${formatDuration(attempt.latencyMs)}\n`
            : `✗ ${head}: ${attempt.error}\n`,
        )
        for (const n of sample.notes) process.stdout.write(`  · ${n}\n`)
      }
      setExitCode(attempt.ok ? 0 : 1)
    })
}

/**
 * Saves the scheme and secret the sample is signed with as a verifier for the target's path
 * (once: an identical verifier already saved is reused). A running listen picks it up at once
 * and verifies earlier events again.
 */
function saveSampleSecret(platform: string, flags: SendFlags, path: string): string {
  const sample = buildSample(platform, { secret: flags.secret, event: flags.event })
  if (!sample.scheme || !sample.secretUsed) {
    throw new UsageError(`--save-secret: ${platform} samples are not signed`)
  }
  const { scheme, secretUsed } = sample
  return editSettings(cliDataDir(flags.dataDir), (store) => {
    const verifiers = store.get().verifiers
    const same = verifiers.find(
      (v) => v.scheme === scheme && v.path === path && v.secrets.includes(secretUsed),
    )
    if (same) return `verifier ${same.id} (${scheme}, path ${path}) already has this secret`
    const id = `v_${randomBytes(4).toString('hex')}`
    const name = `hooklens send ${platform}`
    store.update({ verifiers: [...verifiers, { id, name, scheme, secrets: [secretUsed], path }] })
    return `saved verifier ${id} (${scheme}, path ${path}, secret ${maskSecret(secretUsed)})`
  })
}

/** The receiver of the `hooklens listen` (or app) running on the data dir, as a send target. */
function runningReceiver(dataDir: string | undefined, platform: string): string {
  const dir = cliDataDir(dataDir)
  const info = readRuntimeInfo(dir)
  if (!info) {
    throw new UsageError(`no --to given and no hooklens is running on ${dir}: pass --to URL`)
  }
  return `${info.receiverUrl}/hooks/${platform}`
}
