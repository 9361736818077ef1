import { describe, expect, it } from "vitest";
import { wilson } from "../../../src/scoring/metrics.js";

// The gate's threshold checks use the Wilson interval from src/scoring/metrics.ts.
// metrics.ts rounds z to 1.959964 (statsmodels uses norm.ppf(0.975) = 1.959963984540054);
// that moves the bounds by about 1e-9, so they are compared to 1e-7.
describe("Wilson interval against statsmodels", () => {
  it.each([
    // /usr/bin/python3 -c "from statsmodels.stats.proportion import proportion_confint; print(proportion_confint(0, 10, alpha=0.05, method='wilson'))"
    { k: 0, n: 10, expected: [0, 0.27753279986288926] },
    // /usr/bin/python3 -c "from statsmodels.stats.proportion import proportion_confint; print(proportion_confint(10, 10, alpha=0.05, method='wilson'))"
    { k: 10, n: 10, expected: [0.7224672001371106, 1] },
    // /usr/bin/python3 -c "from statsmodels.stats.proportion import proportion_confint; print(proportion_confint(3, 4, alpha=0.05, method='wilson'))"
    { k: 3, n: 4, expected: [0.30064184258240184, 0.9544127391902995] },
    // /usr/bin/python3 -c "from statsmodels.stats.proportion import proportion_confint; print(proportion_confint(87, 120, alpha=0.05, method='wilson'))"
    { k: 87, n: 120, expected: [0.6390703417242319, 0.7969710333873515] },
    // /usr/bin/python3 -c "from statsmodels.stats.proportion import proportion_confint; print(proportion_confint(1, 1, alpha=0.05, method='wilson'))"
    { k: 1, n: 1, expected: [0.2065493143772374, 1] },
    // /usr/bin/python3 -c "from statsmodels.stats.proportion import proportion_confint; print(proportion_confint(50, 100, alpha=0.05, method='wilson'))"
    { k: 50, n: 100, expected: [0.4038315303659956, 0.5961684696340044] },
    // /usr/bin/python3 -c "from statsmodels.stats.proportion import proportion_confint; print(proportion_confint(999, 1000, alpha=0.05, method='wilson'))"
    { k: 999, n: 1000, expected: [0.9943574414020421, 0.9998234536293739] },
  ])("$k of $n matches statsmodels' proportion_confint(method='wilson')", ({ k, n, expected }) => {
    const [lower, upper] = wilson(k, n);
    expect(Math.abs(lower - (expected[0] ?? Number.NaN))).toBeLessThan(1e-7);
    expect(Math.abs(upper - (expected[1] ?? Number.NaN))).toBeLessThan(1e-7);
  });
});
