// What the trace explorer shows: graph or table, the selected node, the groups opened by the user.
import { create } from 'zustand';

export type TraceTab = 'graph' | 'table';

interface TraceViewState {
  /** The trace these selections belong to (`direction|ref`); another trace starts clean. */
  traceKey: string | null;
  tab: TraceTab;
  selectedId: string | null;
  expanded: ReadonlySet<string>;
  showTrace: (traceKey: string) => void;
  setTab: (tab: TraceTab) => void;
  select: (id: string | null) => void;
  expand: (groupId: string) => void;
  collapseAll: () => void;
}

export const useTraceView = create<TraceViewState>()((set, get) => ({
  traceKey: null,
  tab: 'graph',
  selectedId: null,
  expanded: new Set(),
  showTrace: (traceKey) => {
    if (get().traceKey !== traceKey) set({ traceKey, selectedId: null, expanded: new Set() });
  },
  setTab: (tab) => set({ tab }),
  select: (selectedId) => {
    if (get().selectedId !== selectedId) set({ selectedId });
  },
  expand: (groupId) => set((state) => ({ expanded: new Set([...state.expanded, groupId]), selectedId: null })),
  collapseAll: () => set({ expanded: new Set(), selectedId: null }),
}));
