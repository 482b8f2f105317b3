// Types for start-decision.mjs (plain Node ESM, so `npm start` needs no TypeScript).
export function hasDisplay(platform: NodeJS.Platform | string, env: NodeJS.ProcessEnv): boolean
export function electronBinary(
  electronDir: string,
  env: NodeJS.ProcessEnv,
  fs?: {
    existsSync(path: string): boolean
    readFileSync(path: string, encoding: 'utf8'): string
  },
): string | null
export function downloadFailure(output: unknown): string
export type StartDecision =
  { mode: 'electron'; binary: string } | { mode: 'browser'; reason: string }
export function decideStart(facts: {
  display: boolean
  binary: string | null
  installError: string | null
}): StartDecision
export function fallbackLine(reason: string): string
export function electronEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv
