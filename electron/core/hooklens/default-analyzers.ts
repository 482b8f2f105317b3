/**
 * The analyzers a real Hooklens runs: signature verification (electron/core/verify) and
 * inspection — classification, idempotency, duplicates, Agent lens findings (electron/core/inspect).
 */
import { createInspectAnalyzers } from '../inspect'
import { createAgentLens } from '../inspect/lens'
import { JwksCache, verifyRequest } from '../verify'
import type { Analyzers } from './analyzers'

export function createAnalyzers(
  opts: { logger?: { warn(message: string): void } } = {},
): Analyzers {
  const inspect = createInspectAnalyzers()
  const lens = createAgentLens()
  const jwks = new JwksCache()
  return {
    verify: (input, verifiers) =>
      verifyRequest(
        {
          method: input.method,
          url: input.url,
          publicUrl: input.publicUrl,
          headers: input.headers,
          body: input.body,
          receivedAt: input.receivedAt,
        },
        verifiers,
        { jwks, logger: opts.logger },
      ),
    classify: (input) => inspect.classify(input),
    idempotency: (input, classification) => inspect.idempotency(input, classification),
    replayIdempotency: (e) => {
      inspect.replayIdempotency(e)
      lens.replay(e)
    },
    clearIdempotency: () => {
      inspect.clearIdempotency()
      lens.clear()
    },
    *exportSnapshot(kept) {
      yield* inspect.exportLines(kept)
      yield* lens.exportLines(kept)
    },
    importSnapshot: (snapshot, digestOf) => {
      inspect.importSnapshot(snapshot, digestOf)
      lens.importSnapshot(snapshot)
    },
    findings: (input, derived, ctx) =>
      lens.findings({ ...input, ...derived, registration: ctx.registration }, ctx.settings),
    stalls: (now, settings) => lens.stalls(now, settings),
    forgetIdempotency: (ids) => inspect.forgetIdempotency(ids),
  }
}
