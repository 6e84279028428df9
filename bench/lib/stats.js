// The two order statistics the benchmark reports, for every process of it (runner, driver, scenarios).

/** The value at quantile `q` (0 to 1) of an ascending list; NaN when it is empty. */
const quantile = (sorted, q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN);

/** The middle of an ascending list (the mean of the two middle values for an even count); NaN when it is empty. */
const median = (sorted) =>
  sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;

module.exports = { median, quantile };
