import { create } from 'zustand';

/** The screen the window shows. */
export type Screen =
  | { readonly name: 'integrations' }
  /** `id` absent while a new integration is being created. */
  | { readonly name: 'integration-edit'; readonly id?: number }
  | { readonly name: 'organizations' }
  | { readonly name: 'activity' };

type NavigationState = {
  readonly screen: Screen;
  readonly open: (screen: Screen) => void;
};

/** Store of the open screen. The app has few screens, so it needs no router. */
export const useNavigationStore = create<NavigationState>(set => ({
  screen: { name: 'integrations' },
  open: screen => set({ screen }),
}));
