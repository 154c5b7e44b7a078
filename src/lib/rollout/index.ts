// The rollout area's face: the only module other areas and commands import.
export {itemLine, renderPlan} from './plan-view.js'
export {
  applyPlan,
  applySummary,
  counts,
  createContext,
  deletions,
  failureKind,
  irreversibleSteps,
  loadRollout,
  planRollout,
  type FailedItem,
} from './rollout.js'
export type {PlanItem} from './types.js'
