/**
 * `hooklens share`: hands the running instance's public URL to an agent.
 *   share a2a --agent URL --task ID [--path P]   registers an A2A push config with a fresh
 *                                                token and saves the token as a verifier
 *   share snippets [--path P] [--secret S]       prints copy-ready platform configs
 * The public URL comes from the `runtime.json` a running `hooklens listen` keeps in the data
 * dir (or `--public-url`). The token is never printed; it lives in the settings' verifiers.
 */
import type { Command } from 'commander'
import {
  A2AShareError,
  readRuntimeInfo,
  registerA2APush,
  saveA2AVerifier,
  shareSnippets,
  type A2AProtocol,
} from '../../core/share'
import { A2ARegistrations } from '../../core/share/a2a-registrations'
import { CliFailure, UsageError } from '../errors'
import { cliDataDir } from '../data-dir'
import { editSettings } from '../settings-access'
import { safeBlock } from '../terminal-text'

interface CommonFlags {
  dataDir?: string
  publicUrl?: string
  path?: string
  json?: boolean
}

interface A2AFlags extends CommonFlags {
  agent: string
  task: string
  protocol?: string
  header: string[]
}

const collect = (value: string, previous: string[]): string[] => [...previous, value]

export function registerShare(program: Command, setExitCode: (code: number) => void): void {
  const share = program
    .command('share')
    .description("give an agent Hooklens' public URL (A2A push registration, config snippets)")

  share
    .command('a2a')
    .description("point an A2A agent's task push notifications at Hooklens")
    .requiredOption('--agent <url>', "the agent's base URL (or agent card URL)")
    .requiredOption('--task <id>', 'the task id to receive notifications for')
    .option('--path <path>', 'receiver path (default /a2a/<task>)')
    .option('--protocol <version>', 'force A2A protocol 1.0 or 0.3 (default: from the card)')
    .option(
      '--header <name:value>',
      "header for the agent's own auth, e.g. 'Authorization: Bearer …' (repeatable)",
      collect,
      [],
    )
    .option('--public-url <url>', 'public URL to register (default: the running listen)')
    .option('--data-dir <dir>', 'data directory of the running hooklens listen')
    .option('--json', 'print the result as JSON (without the token)')
    .action(async (flags: A2AFlags) => {
      await runShareA2A(flags)
      setExitCode(0)
    })

  share
    .command('snippets')
    .description('print Agent Gateway, AgentField, A2A and curl snippets with the public URL')
    .option('--path <path>', 'receiver path (default /hooks)')
    .option('--secret <secret>', 'signing secret to put in the snippets')
    .option('--public-url <url>', 'public URL to use (default: the running listen)')
    .option('--data-dir <dir>', 'data directory of the running hooklens listen')
    .option('--json', 'print the snippets as JSON')
    .action((flags: CommonFlags & { secret?: string }) => {
      const publicUrl = flags.publicUrl ?? readRuntimeInfo(cliDataDir(flags.dataDir))?.publicUrl
      const out = shareSnippets({
        publicUrl: publicUrl ?? null,
        path: flags.path,
        secret: flags.secret,
      })
      if (flags.json) {
        process.stdout.write(JSON.stringify(out, null, 2) + '\n')
      } else {
        if (out.warning) process.stderr.write(`hooklens: ${out.warning}\n`)
        for (const s of out.snippets) process.stdout.write(`# ${s.title}\n${s.text}\n`)
      }
      setExitCode(0)
    })
}

async function runShareA2A(flags: A2AFlags): Promise<void> {
  const protocol = parseProtocol(flags.protocol)
  const dataDir = cliDataDir(flags.dataDir)
  const publicUrl = flags.publicUrl ?? runningPublicUrl(dataDir)
  let result
  try {
    result = await registerA2APush({
      agentUrl: flags.agent,
      taskId: flags.task,
      publicUrl,
      path: flags.path,
      protocol,
      headers: parseHeaders(flags.header ?? []),
    })
  } catch (err) {
    if (err instanceof A2AShareError) throw new CliFailure(err.message)
    throw err
  }
  const verifierId = editSettings(
    dataDir,
    (settings) =>
      saveA2AVerifier(settings, {
        token: result.token,
        path: result.path,
        name: `A2A task ${flags.task} (${result.agentName})`,
      }).id,
  )
  // Remembered for the Agent lens (protocol check) and re-registration on a new tunnel URL.
  new A2ARegistrations(dataDir).add({
    agentUrl: flags.agent,
    agentName: result.agentName,
    rpcUrl: result.rpcUrl,
    taskId: flags.task,
    path: result.path,
    url: result.url,
    protocol: result.protocolVersion,
    configId: result.configId,
    verifierId,
    followTunnel: flags.publicUrl === undefined,
  })
  const { token: _token, ...shown } = result
  if (flags.json) {
    process.stdout.write(JSON.stringify({ ...shown, verifierId }, null, 2) + '\n')
    return
  }
  process.stdout.write(
    safeBlock(
      [
        `Registered push notifications for task ${flags.task} with ${result.agentName} ` +
          `(A2A ${result.protocolVersion}${result.configId ? `, config ${result.configId}` : ''})`,
        `  webhook  ${result.url}`,
        `  token    saved as verifier ${verifierId} (a2a-notification-token, path ${result.path})`,
        '',
      ].join('\n'),
    ),
  )
}

function runningPublicUrl(dataDir: string): string {
  const info = readRuntimeInfo(dataDir)
  if (!info) {
    throw new CliFailure(
      `no running "hooklens listen" found for ${dataDir}: start it (with the tunnel), or pass --public-url`,
    )
  }
  if (!info.publicUrl) {
    const why = info.tunnel ? `${info.tunnel.state}: ${info.tunnel.reason}` : 'tunnel disabled'
    throw new CliFailure(`the running hooklens has no public URL (${why}); pass --public-url`)
  }
  return info.publicUrl
}

function parseHeaders(values: string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const v of values) {
    const i = v.indexOf(':')
    if (i <= 0) throw new UsageError('--header must look like "Name: value"')
    out[v.slice(0, i).trim()] = v.slice(i + 1).trim()
  }
  return out
}

function parseProtocol(value: string | undefined): A2AProtocol | undefined {
  if (value === undefined) return undefined
  if (value === '1.0' || value === '0.3') return value
  throw new UsageError(`--protocol must be 1.0 or 0.3, not "${value}"`)
}
