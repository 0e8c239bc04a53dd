/**
 * The rules `optimize` runs, in order, each pass. The order only affects how many passes a plan
 * needs; the driver repeats passes until nothing changes.
 */
import type { Rule } from "./rule.js";
import { constantFolding } from "./rules/constant-folding.js";
import { eliminateIdentityProjection } from "./rules/eliminate-identity-projection.js";
import { mergeFilters } from "./rules/merge-filters.js";
import { mergeProjections } from "./rules/merge-projections.js";
import { pushdownPredicate } from "./rules/pushdown-predicate.js";
import { pushdownProjection } from "./rules/pushdown-projection.js";
import { pruneByDivisions } from "./rules/prune-by-divisions.js";

export const defaultRules: readonly Rule[] = Object.freeze([
  // first, so the rules below see simplified conditions (a filter on `true` is gone)
  constantFolding,
  // before pushdown, so one combined condition moves down instead of several
  mergeFilters,
  pushdownPredicate,
  // after predicate pushdown, which moves filters on the index below the SetIndex where this rule reads them
  pruneByDivisions,
  // after predicate pushdown, so columns read only by a filter that reached a scan are not kept alive above it
  pushdownProjection,
  mergeProjections,
  // last: merging and narrowing leave projections that select their input unchanged
  eliminateIdentityProjection,
]);
