/**
 * Seals settings secrets with Electron's safeStorage (OS keychain / DPAPI / libsecret). Sealed
 * values are tagged `hl-enc:v1:<base64>` so any reader — this app, the CLI over the same file, a
 * future version with another scheme — can tell ciphertext from a clear secret and its version.
 * When the OS offers no encryption the vault says so and `seal` returns null: the caller keeps
 * the secret for the session only instead of writing it in clear.
 */

import { SEALED_SECRET_PREFIX } from '../core/verify/mask'

/** One tag for every reader: the core's verify and CLI skip values that start with it. */
export const SEALED_PREFIX = SEALED_SECRET_PREFIX
export const SEALED_V1 = `${SEALED_PREFIX}v1:`

/** The part of Electron's `safeStorage` the vault uses (a fake in tests). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean
  encryptString(plain: string): Buffer
  decryptString(encrypted: Buffer): string
  getSelectedStorageBackend?(): string
}

export interface SecretStorageStatus {
  /** True when secrets are written to disk encrypted; false: kept for this session only. */
  encrypted: boolean
  /** One sentence for the UI. */
  note: string
}

export interface SecretVault {
  status(): SecretStorageStatus
  /** Ciphertext to store, or null when encryption is unavailable (keep it in memory only). */
  seal(plain: string): string | null
  /** The clear secret, or null when the value is sealed and cannot be opened here. */
  open(stored: string): string | null
}

export function isSealed(value: string): boolean {
  return value.startsWith(SEALED_PREFIX)
}

export function createSecretVault(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform = process.platform,
): SecretVault {
  const available = (): boolean => {
    try {
      if (!safeStorage.isEncryptionAvailable()) return false
      // On Linux without a keyring Electron "encrypts" with a hard-coded key; that is clear
      // text in disguise, so treat it as unavailable. (The backend query is Linux-only.)
      if (platform !== 'linux') return true
      return safeStorage.getSelectedStorageBackend?.() !== 'basic_text'
    } catch {
      return false
    }
  }
  return {
    status() {
      return available()
        ? { encrypted: true, note: 'Secrets are encrypted with the OS keychain.' }
        : {
            encrypted: false,
            note:
              'OS encryption is unavailable: secrets are kept for this session only and are ' +
              'not saved to disk.',
          }
    },
    seal(plain) {
      if (!available()) return null
      return SEALED_V1 + safeStorage.encryptString(plain).toString('base64')
    },
    open(stored) {
      if (!isSealed(stored)) return stored
      if (!stored.startsWith(SEALED_V1) || !available()) return null
      try {
        return safeStorage.decryptString(Buffer.from(stored.slice(SEALED_V1.length), 'base64'))
      } catch {
        return null
      }
    },
  }
}
