/**
 * The settings view: the core's settings (secrets masked by the core, never sent in full), a
 * patch to them, and adding or removing a verifier. After a change the settings are read back
 * from the core rather than patched locally, so the view shows what the core keeps.
 */
import type { HooklensApi } from '../../../shared/api'
import { showError } from './controls-slice'
import type { GetState, SetState, SettingsSlice } from './store-types'

export type { SettingsSlice } from './store-types'

export function settingsSlice(api: HooklensApi, set: SetState, get: GetState): SettingsSlice {
  return {
    settings: null,
    schemes: [],

    async loadSettings() {
      try {
        const [settings, schemes] = await Promise.all([
          api.getSettings({}),
          get().schemes.length > 0 ? get().schemes : api.listSchemes({}),
        ])
        set({ settings, schemes })
      } catch (err) {
        showError(set, err)
      }
    },

    async updateSettings(patch) {
      try {
        const next = await api.updateSettings({ patch })
        set({ settings: next ?? get().settings, notice: 'Settings saved.' })
        if (!next) await get().loadSettings()
      } catch (err) {
        showError(set, err)
      }
    },

    async addVerifier(v) {
      try {
        await api.addVerifier(v)
        await get().loadSettings()
        set({ notice: `Verifier added (${v.scheme}).` })
      } catch (err) {
        showError(set, err)
      }
    },

    async removeVerifier(id) {
      try {
        await api.removeVerifier({ id })
        await get().loadSettings()
      } catch (err) {
        showError(set, err)
      }
    },
  }
}
