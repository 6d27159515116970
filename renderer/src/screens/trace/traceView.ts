// What the trace explorer shows: graph or table, the selected node, the groups opened by the user.
import { create } from 'zustand';

/** How many members of an opened group the view centres on: enough to see the pattern, few enough to read. */
const FOCUS_MEMBERS = 6;

export type TraceTab = 'graph' | 'table';

interface TraceViewState {
  /** The trace these selections belong to (`direction|ref`); another trace starts clean. */
  traceKey: string | null;
  tab: TraceTab;
  selectedId: string | null;
  expanded: ReadonlySet<string>;
  /** Nodes the view should centre on (the first members of the group just opened); empty: fit everything. */
  focusIds: readonly string[];
  showTrace: (traceKey: string) => void;
  setTab: (tab: TraceTab) => void;
  select: (id: string | null) => void;
  expand: (groupId: string, memberIds: readonly string[]) => void;
  collapseAll: () => void;
}

export const useTraceView = create<TraceViewState>()((set, get) => ({
  traceKey: null,
  tab: 'graph',
  selectedId: null,
  expanded: new Set(),
  focusIds: [],
  showTrace: (traceKey) => {
    if (get().traceKey !== traceKey) set({ traceKey, selectedId: null, expanded: new Set(), focusIds: [] });
  },
  setTab: (tab) => set({ tab }),
  select: (selectedId) => {
    if (get().selectedId !== selectedId) set({ selectedId });
  },
  expand: (groupId, memberIds) =>
    set((state) => ({ expanded: new Set([...state.expanded, groupId]), selectedId: null, focusIds: memberIds.slice(0, FOCUS_MEMBERS) })),
  collapseAll: () => set({ expanded: new Set(), selectedId: null, focusIds: [] }),
}));
