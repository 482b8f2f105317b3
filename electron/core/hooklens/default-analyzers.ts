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
  const verifyContext = { jwks: new JwksCache(), logger: opts.logger }
  return {
    // The input is a VerifyInput as it is (verify reads, never keeps or changes it): no copy.
    verify: (input, verifiers) => verifyRequest(input, verifiers, verifyContext),
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
    // Named fields, not `{ ...input, ...derived }`: a two-spread copy of the input was the most
    // expensive line of the lens per request (profile of the capture bench).
    findings: (input, derived, ctx) =>
      lens.findings(
        {
          id: input.id,
          receivedAt: input.receivedAt,
          method: input.method,
          path: input.path,
          headers: input.headers,
          body: input.body,
          classification: derived.classification,
          idempotency: derived.idempotency,
          registration: ctx.registration,
        },
        ctx.settings,
      ),
    stalls: (now, settings) => lens.stalls(now, settings),
    forgetIdempotency: (ids) => inspect.forgetIdempotency(ids),
  }
}
