/**
 * An open-loop load generator: sends `rate` requests per second for `seconds` (each on its
 * schedule, whether or not earlier ones were answered, as webhook senders do) over keep-alive
 * connections, and reports ack latency percentiles and the maximum.
 */
import { Agent, request } from 'node:http'

export interface SteadyResult {
  sent: number
  p50: number
  p99: number
  max: number
  errors: number
}

export async function steadyLoad(
  url: string,
  opts: { rate: number; seconds: number; body: Buffer; headers?: Record<string, string> },
): Promise<SteadyResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 })
  const target = new URL(`${url}/bench`)
  const total = Math.round(opts.rate * opts.seconds)
  const latencies: number[] = []
  let errors = 0
  const t0 = performance.now()
  const inFlight: Promise<void>[] = []
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / opts.rate
    const wait = due - performance.now()
    if (wait > 1) await new Promise((r) => setTimeout(r, wait))
    inFlight.push(
      new Promise<void>((done) => {
        const start = performance.now()
        const req = request(
          {
            agent,
            host: target.hostname,
            port: target.port,
            path: target.pathname,
            method: 'POST',
            headers: { 'content-type': 'application/json', ...opts.headers },
          },
          (res) => {
            res.resume()
            res.on('end', () => {
              if ((res.statusCode ?? 0) >= 300) errors++
              latencies.push(performance.now() - start)
              done()
            })
          },
        )
        req.on('error', () => {
          errors++
          done()
        })
        req.end(opts.body)
      }),
    )
  }
  await Promise.all(inFlight)
  agent.destroy()
  latencies.sort((a, b) => a - b)
  const at = (q: number) =>
    +(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0).toFixed(1)
  return {
    sent: total,
    p50: at(0.5),
    p99: at(0.99),
    max: +(latencies.at(-1) ?? 0).toFixed(1),
    errors,
  }
}

/**
 * A closed-loop saturation load: `connections` senders, each posting the next request as soon
 * as the previous one is answered, for `seconds`. Used instead of autocannon so that every server
 * gets the same client (autocannon's requests go unanswered by mockttp's server).
 */
export async function closedLoad(
  url: string,
  opts: { connections: number; seconds: number; body: Buffer; headers?: Record<string, string> },
): Promise<SteadyResult & { rps: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.connections })
  const target = new URL(`${url}/bench`)
  const latencies: number[] = []
  let errors = 0
  const t0 = performance.now()
  const end = t0 + opts.seconds * 1000
  const one = () =>
    new Promise<void>((done) => {
      const start = performance.now()
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', ...opts.headers },
        },
        (res) => {
          res.resume()
          res.on('end', () => {
            if ((res.statusCode ?? 0) >= 300) errors++
            latencies.push(performance.now() - start)
            done()
          })
        },
      )
      req.on('error', () => {
        errors++
        done()
      })
      req.end(opts.body)
    })
  const sender = async () => {
    while (performance.now() < end) await one()
  }
  await Promise.all(Array.from({ length: opts.connections }, sender))
  const elapsed = (performance.now() - t0) / 1000
  agent.destroy()
  latencies.sort((a, b) => a - b)
  const at = (q: number) =>
    +(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0).toFixed(1)
  return {
    sent: latencies.length,
    rps: latencies.length / elapsed,
    p50: at(0.5),
    p99: at(0.99),
    max: +(latencies.at(-1) ?? 0).toFixed(1),
    errors,
  }
}
