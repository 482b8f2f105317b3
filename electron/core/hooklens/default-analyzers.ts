/**
 * The analyzers a real Hooklens runs: signature verification (electron/core/verify) and
 * inspection (electron/core/inspect). Until a module is wired, its step gives the contract's
 * honest empty value.
 */
import { emptyAnalyzers, type Analyzers } from './analyzers'

export function createAnalyzers(): Analyzers {
  return emptyAnalyzers()
}
