/** Row-order operations across partitions: shift, running aggregates, rolling windows. */
export { headRows, shiftColumn, tailRows } from "./shift.js";
export { cumulative, cumulativeType, type CumulativeFn, type CumulativeResult } from "./cumulative.js";
export { concatTimed, rolling, rollingTime, timeTail, type RollingAgg, type TimedRows } from "./rolling.js";
