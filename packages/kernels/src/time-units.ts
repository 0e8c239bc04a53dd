/**
 * Timestamp units as numbers: units per second and digits of the fraction of a second.
 *
 * @example
 * ```ts
 * UNITS_PER_SECOND.us; // 1_000_000
 * UNIT_DIGITS.ms;      // 3
 * ```
 */
import type { TimeUnit } from "@dusk/core";

export const UNITS_PER_SECOND: Readonly<Record<TimeUnit, number>> = { s: 1, ms: 1000, us: 1_000_000, ns: 1_000_000_000 };
export const UNIT_DIGITS: Readonly<Record<TimeUnit, number>> = { s: 0, ms: 3, us: 6, ns: 9 };
