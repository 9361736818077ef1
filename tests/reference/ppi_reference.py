"""Independent reference for src/gate/stats/ppi.ts, written from the papers' equations with NumPy.

Prediction-powered inference for a mean, PPI++ (Angelopoulos, Duchi & Zrnic 2023), and active statistical
inference (Zrnic & Candes 2024). All variances and covariances are sample ones (ddof=1). Interval ends and
the estimate are clipped to [0, 1]. Run as `python3 tests/reference/ppi_reference.py`; it prints one line
per case, whose numbers tests/gate/stats/ppi.test.ts pastes as expected values. Not run by CI.
"""

import json
import math
from statistics import NormalDist

import numpy as np

# -- data, written out as in the test ---------------------------------------------------------------------

A_HUMAN = [1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 0]
A_JUDGE = [1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0]
A_REST = [1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1]

C_HUMAN = [1, 0, 1, 1, 0, 1, 1, 0, 1, 1]
C_JUDGE = [0.72, 0.55, 0.81, 0.46, 0.68, 0.97, 0.54, 0.32, 0.88, 0.39]
C_REST = [0.71, 0.44, 0.93, 0.28, 0.85, 0.67, 0.91, 0.52, 0.38, 0.77, 0.95, 0.61, 0.83,
          0.19, 0.72, 0.88, 0.46, 0.99, 0.64, 0.57, 0.81, 0.33, 0.76, 0.9, 0.69]

D_HUMAN = [1, 1, 0, 0, 1, 1, 0, 1]
D_JUDGE = [0, 0, 1, 1, 0, 1, 1, 0]
D_REST = [1, 0, 1, 1, 0, 1, 0, 1, 1, 1, 0, 1]

E_HUMAN = [1, 0, 1, 1, 0, 1, 0, 1, 1, 0]
E_JUDGE = [0.6, 0.45, 0.58, 0.62, 0.4, 0.55, 0.42, 0.61, 0.57, 0.47]
E_REST = [0.5, 0.44, 0.61, 0.58, 0.41, 0.6, 0.52, 0.47, 0.55, 0.62,
          0.43, 0.59, 0.48, 0.56, 0.51, 0.45, 0.6, 0.53, 0.49, 0.57]

F_JUDGE = [1, 1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1]
F_PROBABILITY = [0.3, 0.5, 0.8, 0.2, 0.4, 0.6, 0.9, 0.25, 0.35, 0.7,
                 0.45, 0.3, 0.5, 0.85, 0.2, 0.55, 0.4, 0.3, 0.75, 0.5]
F_HUMAN = [1, None, 0, None, 0, 1, 0, None, None, 1, None, None, 1, 0, None, 1, None, None, 1, None]


def z_value(alpha):
    return NormalDist().inv_cdf(1 - alpha / 2)


def clip(x):
    return min(1.0, max(0.0, x))


def ppi_mean(Y, Yhat, Yhat_u, alpha=0.05, tune=True):
    """PPI++ mean: theta = lam * mean(f on unlabeled) + mean(Y - lam * f on labeled)."""
    Y, Yhat, Yhat_u = (np.asarray(a, dtype=float) for a in (Y, Yhat, Yhat_u))
    n, N = len(Y), len(Yhat_u)
    if tune:
        # lam* = Cov(Y, f) / ((1 + n/N) Var(f)), Var over labeled and unlabeled together.
        cov_yf = np.cov(Y, Yhat, ddof=1)[0, 1]
        var_f = np.var(np.concatenate([Yhat, Yhat_u]), ddof=1)
        lam = 0.0 if var_f == 0 else float(np.clip(cov_yf / ((1 + n / N) * var_f), 0, 1))
    else:
        lam = 1.0
    theta = lam * Yhat_u.mean() + (Y - lam * Yhat).mean()
    sigma_f2 = np.var(Yhat_u, ddof=1)
    sigma_r2 = np.var(Y - lam * Yhat, ddof=1)
    se = math.sqrt(lam**2 * sigma_f2 / N + sigma_r2 / n)
    z = z_value(alpha)
    return {
        "estimate": clip(theta), "lower": clip(theta - z * se), "upper": clip(theta + z * se),
        "standardError": se, "lambda": lam, "n": n, "N": n + N,
        "effectiveHumanGrades": float(np.var(Y, ddof=1)) / se**2,
    }


def active_mean(judge, probability, human, alpha=0.05, tune=True):
    """theta = (1/N) sum of lam f + (Y - lam f) xi / pi; SE = sd of those terms / sqrt(N)."""
    f = np.asarray(judge, dtype=float)
    pi = np.asarray(probability, dtype=float)
    xi = np.array([0.0 if y is None else 1.0 for y in human])
    Y = np.array([0.0 if y is None else float(y) for y in human])
    N = len(f)
    if tune:
        # Paper's closed form: lam = Cov(Y xi/pi, f (xi/pi - 1)) / Var(f (xi/pi - 1)).
        u = Y * xi / pi
        v = f * (xi / pi - 1)
        var_v = np.var(v, ddof=1)
        lam = 0.0 if var_v == 0 else float(np.clip(np.cov(u, v, ddof=1)[0, 1] / var_v, 0, 1))
    else:
        lam = 1.0
    terms = lam * f + (Y - lam * f) * xi / pi
    theta = terms.mean()
    se = np.std(terms, ddof=1) / math.sqrt(N)
    z = z_value(alpha)
    graded = Y[xi == 1]
    return {
        "estimate": clip(theta), "lower": clip(theta - z * se), "upper": clip(theta + z * se),
        "standardError": float(se), "lambda": lam, "n": int(xi.sum()), "N": N,
        "effectiveHumanGrades": float(np.var(graded, ddof=1)) / se**2,
    }


def grades_for_width(Y, Yhat, Yhat_u, width, alpha=0.05, tune=True):
    """Solve 2 z sqrt(lam^2 s_f^2 / N_u + s_r^2 / n') = width for n', rounded up; inf when out of reach."""
    fit = ppi_mean(Y, Yhat, Yhat_u, alpha, tune)
    lam = fit["lambda"]
    Y, Yhat, Yhat_u = (np.asarray(a, dtype=float) for a in (Y, Yhat, Yhat_u))
    s_f2 = np.var(Yhat_u, ddof=1)
    s_r2 = np.var(Y - lam * Yhat, ddof=1)
    target = (width / (2 * z_value(alpha))) ** 2
    room = target - lam**2 * s_f2 / len(Yhat_u)
    if room <= 0:
        return math.inf
    return max(2, math.ceil(s_r2 / room))


CASES = {
    "A tuned": lambda: ppi_mean(A_HUMAN, A_JUDGE, A_REST),
    "A classic": lambda: ppi_mean(A_HUMAN, A_JUDGE, A_REST, tune=False),
    "C scores alpha 0.1": lambda: ppi_mean(C_HUMAN, C_JUDGE, C_REST, alpha=0.1),
    "D judge backwards": lambda: ppi_mean(D_HUMAN, D_JUDGE, D_REST),
    "E narrow scores": lambda: ppi_mean(E_HUMAN, E_JUDGE, E_REST),
    "F active tuned": lambda: active_mean(F_JUDGE, F_PROBABILITY, F_HUMAN),
    "F active classic alpha 0.1": lambda: active_mean(F_JUDGE, F_PROBABILITY, F_HUMAN, alpha=0.1, tune=False),
    "A width 0.3": lambda: grades_for_width(A_HUMAN, A_JUDGE, A_REST, 0.3),
    "A width 0.15": lambda: grades_for_width(A_HUMAN, A_JUDGE, A_REST, 0.15),
    "A classic width 0.4": lambda: grades_for_width(A_HUMAN, A_JUDGE, A_REST, 0.4, tune=False),
    "C width 0.2 alpha 0.1": lambda: grades_for_width(C_HUMAN, C_JUDGE, C_REST, 0.2, alpha=0.1),
}

if __name__ == "__main__":
    for name, case in CASES.items():
        print(f"{name}: {json.dumps(case())}")
