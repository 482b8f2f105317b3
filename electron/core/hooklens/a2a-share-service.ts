/**
 * `share a2a` for the API and the inspector: check an agent's card, register a task's push
 * config at the public URL (token saved as a verifier, the registration remembered), list
 * and delete the configs Hooklens registered, and re-register every remembered config when
 * the tunnel URL changes — saying so, since the agent would otherwise push into the void.
 */
import type {
  A2AAgentCheck,
  A2ARegistrationView,
  ApiPushEvents,
  ShareA2AArg,
} from '../../../shared/api'
import type { RegistrationFact } from '../inspect/lens'
import type { SettingsStore } from '../settings/settings-store'
import {
  A2AShareError,
  chooseEndpoint,
  fetchAgentCard,
  registerA2APush,
  saveA2AVerifier,
} from '../share'
import type { AgentEndpoint } from '../share/a2a-card'
import { deletePushConfig, listPushConfigs } from '../share/a2a-configs'
import { A2ARegistrations, type A2ARegistration } from '../share/a2a-registrations'
import { ApiError } from '../../../shared/api-error'

export interface ShareServiceDeps {
  dataDir: string
  settings: SettingsStore
  publicUrl: () => string | null
  verifiersChanged: () => void
  /** Each re-registration after a tunnel URL change, done or failed (pushed by the root). */
  onReregistered: (note: ApiPushEvents['a2aReregistered']) => void
  logger: { info(m: string): void; warn(m: string): void }
  fetch?: typeof fetch
}

export class A2AShareService {
  readonly registrations: A2ARegistrations

  constructor(private readonly deps: ShareServiceDeps) {
    this.registrations = new A2ARegistrations(deps.dataDir)
  }

  async check(agentUrl: string, headers?: Record<string, string>): Promise<A2AAgentCheck> {
    const { card, cardUrl } = await wrap(
      fetchAgentCard(agentUrl, this.deps.fetch ?? fetch, 10_000, headers),
    )
    const agentName = (card as { name?: string }).name ?? 'the agent'
    const pushNotifications = card.capabilities?.pushNotifications === true
    try {
      const endpoint = chooseEndpoint(card, cardUrl)
      return { agentName, cardUrl, protocol: endpoint.protocol, pushNotifications, problem: null }
    } catch (err) {
      return { agentName, cardUrl, protocol: null, pushNotifications, problem: message(err) }
    }
  }

  async share(arg: ShareA2AArg): Promise<{ registration: A2ARegistrationView; message: string }> {
    if (!arg?.agentUrl || !arg.taskId) throw new ApiError('share a2a needs agentUrl and taskId')
    const publicUrl = arg.publicUrl ?? this.deps.publicUrl()
    if (!publicUrl) {
      throw new ApiError('no public URL yet: start the tunnel first (or give publicUrl)', 409)
    }
    const result = await wrap(
      registerA2APush({
        agentUrl: arg.agentUrl,
        taskId: arg.taskId,
        publicUrl,
        path: arg.path,
        protocol: arg.protocol,
        headers: arg.headers,
        fetch: this.deps.fetch,
      }),
    )
    const verifier = saveA2AVerifier(this.deps.settings, {
      token: result.token,
      path: result.path,
      name: `A2A task ${arg.taskId} (${result.agentName})`,
    })
    this.deps.verifiersChanged()
    const registration = this.registrations.add({
      agentUrl: arg.agentUrl,
      agentName: result.agentName,
      rpcUrl: result.rpcUrl,
      taskId: arg.taskId,
      path: result.path,
      url: result.url,
      protocol: result.protocolVersion,
      configId: result.configId,
      verifierId: verifier.id,
      ...(arg.tokenHeader ? { tokenHeader: arg.tokenHeader } : {}),
      followTunnel: arg.publicUrl === undefined,
    })
    return {
      registration,
      message: `Registered push notifications for task ${arg.taskId} with ${result.agentName} (A2A ${result.protocolVersion}) at ${result.url}`,
    }
  }

  /** The Agent lens' view of the latest registration for a receiver path. */
  registrationFor(path: string): RegistrationFact | null {
    const r = this.registrations.forPath(path)
    if (!r) return null
    return {
      protocol: r.protocol,
      tokenHeader: r.tokenHeader,
      agentName: r.agentName,
      taskId: r.taskId,
    }
  }

  list(): A2ARegistrationView[] {
    return this.registrations.list()
  }

  async configs(id: string, headers?: Record<string, string>) {
    const r = this.require(id)
    const configs = await wrap(
      listPushConfigs(endpointOf(r), r.taskId, { headers, fetch: this.deps.fetch }),
    )
    return configs.map((c) => ({
      ...c,
      ours: (r.configId !== null && c.id === r.configId) || c.url === r.url,
    }))
  }

  async remove(id: string, headers?: Record<string, string>) {
    const r = this.require(id)
    let deletedOnAgent = false
    let note = ''
    if (r.configId) {
      try {
        await deletePushConfig(endpointOf(r), r.taskId, r.configId, {
          headers,
          fetch: this.deps.fetch,
        })
        deletedOnAgent = true
      } catch (err) {
        note = ` (the agent did not delete its config: ${message(err)})`
      }
    } else note = ' (the agent gave no config id, so its config was left in place)'
    const removed = this.registrations.remove(id)
    return {
      removed,
      deletedOnAgent,
      message: `Removed the registration of task ${r.taskId} with ${r.agentName}${note}`,
    }
  }

  /** Re-points every remembered registration at the new public URL. */
  async tunnelUrlChanged(url: string): Promise<void> {
    for (const r of this.registrations.list()) {
      if (!r.followTunnel || r.url.startsWith(url.replace(/\/+$/, '') + '/')) continue
      const token = this.deps.settings.get().verifiers.find((v) => v.id === r.verifierId)
        ?.secrets[0]
      let note: ApiPushEvents['a2aReregistered']
      try {
        const result = await registerA2APush({
          agentUrl: r.agentUrl,
          taskId: r.taskId,
          publicUrl: url,
          path: r.path,
          protocol: r.protocol,
          token,
          fetch: this.deps.fetch,
        })
        if (!token) {
          saveA2AVerifier(this.deps.settings, {
            token: result.token,
            path: r.path,
            name: `A2A task ${r.taskId} (${r.agentName})`,
          })
          this.deps.verifiersChanged()
        }
        this.registrations.add({ ...r, url: result.url, configId: result.configId })
        // The old config points at a dead URL; an agent that reused its id already replaced it.
        if (r.configId && r.configId !== result.configId) {
          await deletePushConfig(endpointOf(r), r.taskId, r.configId, {
            fetch: this.deps.fetch,
          }).catch(() => undefined)
        }
        const text = `tunnel URL changed: re-registered A2A task ${r.taskId} with ${r.agentName} at ${result.url}`
        this.deps.logger.info(text)
        note = { registrationId: r.id, taskId: r.taskId, ok: true, message: text }
      } catch (err) {
        const text = `tunnel URL changed, but re-registering A2A task ${r.taskId} with ${r.agentName} failed: ${message(err)}`
        this.deps.logger.warn(text)
        note = { registrationId: r.id, taskId: r.taskId, ok: false, message: text }
      }
      this.deps.onReregistered(note)
    }
  }

  private require(id: string): A2ARegistration {
    const r = this.registrations.get(id)
    if (!r) throw new ApiError(`no A2A registration ${id}`, 404)
    return r
  }
}

function endpointOf(r: A2ARegistration): AgentEndpoint {
  return { protocol: r.protocol, rpcUrl: r.rpcUrl, cardUrl: '', agentName: r.agentName }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

/** Agent-side failures become API errors with their sentence (400), not 500s. */
async function wrap<T>(p: Promise<T>): Promise<T> {
  try {
    return await p
  } catch (err) {
    if (err instanceof A2AShareError) throw new ApiError(err.message, 400)
    throw err
  }
}
