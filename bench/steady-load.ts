/**
 * Load generators for the capture and storage benches, one client for every server:
 * `steadyLoad` is open-loop (`rate` requests per second, each on its schedule whether or not
 * earlier ones were answered, as webhook senders do); `closedLoad` is closed-loop saturation.
 * Both report ack latency percentiles and the maximum.
 */
import { Agent, request } from 'node:http'

export interface SteadyResult {
  sent: number
  p50: number
  p99: number
  max: number
  errors: number
}

interface LoadBody {
  body: Buffer
  headers?: Record<string, string>
  /** A header given a new value on every request, as a sender's message id is (`msg_1`, …). */
  idHeader?: string
}

/** What one load run records: every ack latency, and how many requests failed. */
class Recorder {
  readonly latencies: number[] = []
  errors = 0
  private sent = 0

  /** POSTs the body once over `agent` and records its ack latency (or an error). */
  post(agent: Agent, target: URL, opts: LoadBody): Promise<void> {
    return new Promise<void>((done) => {
      const start = performance.now()
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...opts.headers,
            ...(opts.idHeader ? { [opts.idHeader]: `msg_${++this.sent}` } : {}),
          },
        },
        (res) => {
          res.resume()
          res.on('end', () => {
            if ((res.statusCode ?? 0) >= 300) this.errors++
            this.latencies.push(performance.now() - start)
            done()
          })
        },
      )
      req.on('error', () => {
        this.errors++
        done()
      })
      req.end(opts.body)
    })
  }

  summary(sent: number): SteadyResult {
    const sorted = [...this.latencies].sort((a, b) => a - b)
    const at = (q: number) =>
      +(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(1)
    return {
      sent,
      p50: at(0.5),
      p99: at(0.99),
      max: +(sorted.at(-1) ?? 0).toFixed(1),
      errors: this.errors,
    }
  }
}

export async function steadyLoad(
  url: string,
  opts: LoadBody & { rate: number; seconds: number },
): Promise<SteadyResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 })
  const target = new URL(`${url}/bench`)
  const total = Math.round(opts.rate * opts.seconds)
  const rec = new Recorder()
  const t0 = performance.now()
  const inFlight: Promise<void>[] = []
  for (let i = 0; i < total; i++) {
    const wait = t0 + (i * 1000) / opts.rate - performance.now()
    if (wait > 1) await new Promise((r) => setTimeout(r, wait))
    inFlight.push(rec.post(agent, target, opts))
  }
  await Promise.all(inFlight)
  agent.destroy()
  return rec.summary(total)
}

/**
 * A closed-loop saturation load: `connections` senders, each posting the next request as soon
 * as the previous one is answered, for `seconds`. Used instead of autocannon so that every server
 * gets the same client (autocannon's requests go unanswered by mockttp's server).
 */
export async function closedLoad(
  url: string,
  opts: LoadBody & { connections: number; seconds: number },
): Promise<SteadyResult & { rps: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.connections })
  const target = new URL(`${url}/bench`)
  const rec = new Recorder()
  const t0 = performance.now()
  const end = t0 + opts.seconds * 1000
  const sender = async () => {
    while (performance.now() < end) await rec.post(agent, target, opts)
  }
  await Promise.all(Array.from({ length: opts.connections }, sender))
  const elapsed = (performance.now() - t0) / 1000
  agent.destroy()
  const sent = rec.latencies.length
  return { ...rec.summary(sent), rps: sent / elapsed }
}
