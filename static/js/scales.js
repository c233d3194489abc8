// Slider scales and number formatting for the controls.
//
// A log slider moves through "nice" stops (1, 2, 3, 5 × 10^k) so every
// position is a readable value that the server accepts; a linear slider's
// position is its value. Non-goal: widgets (see draw/controls.js).

const MANTISSAS = [1, 2, 3, 5];

const tidy = (x) => Number(x.toPrecision(12));

/** Nice values from `min` to `max` inclusive, 1-2-3-5 per decade; both ends always present. */
export function logStops(min, max) {
  if (!(min > 0) || !(max > min)) throw new RangeError(`log scale needs 0 < min < max, got ${min}, ${max}`);
  const stops = [min];
  for (let k = Math.floor(Math.log10(min)); k <= Math.ceil(Math.log10(max)); k++) {
    for (const m of MANTISSAS) {
      const v = tidy(m * 10 ** k);
      if (v > min * (1 + 1e-9) && v < max * (1 - 1e-9)) stops.push(v);
    }
  }
  stops.push(max);
  return stops;
}

/** Index of the stop nearest to `value` on a log scale. */
export function nearestStop(stops, value) {
  if (!(value > 0)) return 0;
  let best = 0;
  let bestDistance = Infinity;
  const target = Math.log(value);
  stops.forEach((stop, i) => {
    const distance = Math.abs(Math.log(stop) - target);
    if (distance < bestDistance) {
      best = i;
      bestDistance = distance;
    }
  });
  return best;
}

/**
 * A slider scale: { positions: [min, max, step], toPosition(value), fromPosition(p) }.
 * `log` uses stop indices as positions; `linear` uses the values themselves.
 */
export function sliderScale({ min, max, scale = "linear", step = 1 }) {
  if (scale === "log") {
    const stops = logStops(min, max);
    return {
      stops,
      positions: [0, stops.length - 1, 1],
      toPosition: (value) => nearestStop(stops, value),
      fromPosition: (p) => stops[Math.min(stops.length - 1, Math.max(0, Math.round(p)))],
    };
  }
  const clamp = (v) => Math.min(max, Math.max(min, v));
  return {
    positions: [min, max, step],
    toPosition: (value) => clamp(value),
    fromPosition: (p) => clamp(Number(p)),
  };
}

/** `value` with at most `digits` significant digits; "—" when missing or not finite. */
export function formatNumber(value, digits = 3) {
  if (typeof value !== "number" || !Number.isFinite(value)) return "—";
  if (value === 0) return "0";
  return String(Number(value.toPrecision(digits)));
}

/** A loss reading with four decimals (three significant digits below 0.001, powers of ten from 10,000). */
export function formatLoss(value) {
  if (typeof value !== "number" || !Number.isFinite(value)) return "—";
  if (Math.abs(value) >= 10000) return value.toExponential(2); // a blown-up loss stays readable
  return Math.abs(value) >= 0.001 ? value.toFixed(4) : formatNumber(value, 3);
}

/** An axis tick: plain up to 10,000, else a power of ten with two digits ("2.2e+34"), so a blown-up loss's axis stays readable. */
export function formatTick(value) {
  if (typeof value !== "number" || !Number.isFinite(value)) return "";
  return Math.abs(value) >= 10000 ? value.toExponential(1) : String(Number(value.toPrecision(4)));
}
