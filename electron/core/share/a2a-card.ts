/**
 * Reading an A2A agent card and choosing how to talk to the agent: which protocol version
 * (1.0 `supportedInterfaces` or 0.3 `url`/`preferredTransport`), which JSON-RPC endpoint,
 * and whether it supports push notifications at all.
 */

export type A2AProtocol = '1.0' | '0.3'

export class A2AShareError extends Error {
  constructor(
    message: string,
    /** JSON-RPC error code when the agent answered one. */
    readonly code?: number,
  ) {
    super(message)
  }
}

export interface AgentEndpoint {
  protocol: A2AProtocol
  /** JSON-RPC URL to POST to. */
  rpcUrl: string
  cardUrl: string
  agentName: string
}

interface CardInterface {
  url?: string
  protocolBinding?: string
  transport?: string
  protocolVersion?: string
}

interface AgentCardLike {
  name?: string
  url?: string
  preferredTransport?: string
  protocolVersion?: string
  additionalInterfaces?: CardInterface[]
  supportedInterfaces?: CardInterface[]
  capabilities?: { pushNotifications?: boolean }
}

export const CARD_PATHS = ['/.well-known/agent-card.json', '/.well-known/agent.json']

/**
 * Fetches the card: `<agent>/.well-known/agent-card.json`, falling back to the older
 * `agent.json`; a URL ending in `.json` is taken as the card itself. Asks with
 * `A2A-Version: 1.0`: SDK servers with 0.3 compatibility answer the 1.0 card then, and
 * 0.3-only servers ignore the header.
 */
export async function fetchAgentCard(
  agentUrl: string,
  fetchFn: typeof fetch,
  timeoutMs: number,
  extraHeaders: Record<string, string> = {},
): Promise<{ card: AgentCardLike; cardUrl: string }> {
  const base = agentUrl.replace(/\/+$/, '')
  const candidates = /\.json$/i.test(base) ? [base] : CARD_PATHS.map((p) => base + p)
  const tried: string[] = []
  for (const url of candidates) {
    let res: Response
    try {
      res = await fetchFn(url, {
        headers: { accept: 'application/json', 'A2A-Version': '1.0', ...extraHeaders },
        signal: AbortSignal.timeout(timeoutMs),
      })
    } catch (err) {
      throw new A2AShareError(`cannot reach the agent at ${url}: ${reason(err)}`)
    }
    if (res.status === 404) {
      tried.push(`${url} (404)`)
      continue
    }
    const text = await res.text()
    if (!res.ok) throw new A2AShareError(`agent card ${url} answered HTTP ${res.status}`)
    try {
      return { card: JSON.parse(text) as AgentCardLike, cardUrl: url }
    } catch {
      throw new A2AShareError(`agent card ${url} is not JSON`)
    }
  }
  throw new A2AShareError(`no agent card found: tried ${tried.join(', ')}`)
}

/** Chooses protocol and endpoint; `prefer` forces a version the card also offers. */
export function chooseEndpoint(
  card: AgentCardLike,
  cardUrl: string,
  prefer?: A2AProtocol,
): AgentEndpoint {
  const agentName = card.name ?? 'the agent'
  if (card.capabilities?.pushNotifications !== true) {
    throw new A2AShareError(
      `${agentName} does not support push notifications (its agent card has no capabilities.pushNotifications: true)`,
    )
  }
  const isJsonRpc = (i: CardInterface) => (i.protocolBinding ?? i.transport ?? '') === 'JSONRPC'
  const v1 = (card.supportedInterfaces ?? []).find(
    (i) => isJsonRpc(i) && /^1\./.test(i.protocolVersion ?? '') && i.url,
  )
  const v03 = legacyEndpoint(card)
  const abs = (u: string) => new URL(u, cardUrl).toString()
  if (v1 && prefer !== '0.3') return { protocol: '1.0', rpcUrl: abs(v1.url!), cardUrl, agentName }
  if (v03 && prefer !== '1.0') return { protocol: '0.3', rpcUrl: abs(v03), cardUrl, agentName }
  if (prefer) {
    throw new A2AShareError(`${agentName}'s agent card offers no A2A ${prefer} JSON-RPC interface`)
  }
  throw new A2AShareError(`${agentName}'s agent card lists no JSON-RPC interface`)
}

function legacyEndpoint(card: AgentCardLike): string | null {
  if (card.url && (card.preferredTransport ?? 'JSONRPC') === 'JSONRPC') return card.url
  const extra = card.additionalInterfaces?.find((i) => (i.transport ?? '') === 'JSONRPC')
  if (extra?.url) return extra.url
  const listed = card.supportedInterfaces?.find(
    (i) => (i.protocolBinding ?? i.transport) === 'JSONRPC' && /^0\./.test(i.protocolVersion ?? ''),
  )
  return listed?.url ?? null
}

export function reason(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err))
}
