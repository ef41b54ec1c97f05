#!/usr/bin/env python3
"""Expected values for Tests/SymExperimentTests/Statistics*Tests.swift.

Run:  python3 Tests/SymExperimentTests/Resources/statistics_expected.py
Prints Swift literals that are pasted into the tests (the tests never run Python).
Recorded with scipy 1.17.1 and numpy 2.4.6 (printed at the top of the output).

Where each number comes from:
  * sample summaries, t intervals, t-tests: numpy / scipy.stats (ttest_1samp, ttest_rel,
    ttest_ind(equal_var=False)) and their .confidence_interval();
  * Wilcoxon signed-rank: scipy.stats.wilcoxon(x, y) with its defaults (zero_method='wilcox',
    correction=False, method='auto').  The method 'auto' chose is recomputed from scipy's rule
    (see wilcoxon_method) and cross-checked by re-running scipy with that method forced;
  * Mann-Whitney U: scipy.stats.mannwhitneyu(x, y) defaults (use_continuity=True,
    method='auto'), method cross-checked the same way;
  * effect sizes (Cohen's d_z, matched-pairs rank-biserial, Hedges' g, Cliff's delta) and Holm
    adjusted p-values: written out below from their textbook definitions (pair counting for
    Cliff's delta, statsmodels' multipletests(method='holm') algorithm for Holm, since
    statsmodels is not installed here);
  * bootstrap percentile interval of the mean: (a) an independent re-implementation of the Swift
    procedure on the same random stream (numpy's legacy RandomState(seed) is the reference
    mt19937 with the same seeding as GSL's gsl_rng_mt19937, and gsl_rng_uniform_int's
    rejection rule is copied below), which must agree to rounding; (b) scipy.stats.bootstrap(
    method='percentile') with 10^6 resamples, which must agree within Monte-Carlo tolerance:
    5 x the standard deviation of scipy's own endpoint over 200 independent runs with the
    Swift default B = 10,000 (at least 1e-9, for endpoints that sit on an atom of a discrete
    bootstrap distribution).
"""
import math

import numpy as np
import scipy
from scipy import stats

# ---------------------------------------------------------------------------------------------
# Datasets (the same literals appear in the Swift tests).

SUMMARY = {
    "bimodal5": [0.24, 0.25, 0.26, 0.30, 0.33],
    "n3": [0.31, 0.29, 0.35],
    "n8": [0.412, 0.398, 0.455, 0.401, 0.387, 0.43, 0.419, 0.444],
    "n12": [1.21, 1.35, 1.18, 1.42, 1.29, 1.33, 1.25, 1.51, 1.19, 1.38, 1.27, 1.31],
    "n30": [round(0.3 + 0.02 * math.sin(1.3 * i) + 0.004 * (i % 7), 4) for i in range(30)],
}

PAIRED = {
    "n3AllPositive": ([0.31, 0.29, 0.35], [0.27, 0.28, 0.30]),
    "n5Bimodal": ([0.24, 0.25, 0.26, 0.30, 0.33], [0.262, 0.238, 0.305, 0.271, 0.341]),
    "n8Mixed": ([0.412, 0.398, 0.455, 0.401, 0.387, 0.43, 0.419, 0.444],
                [0.405, 0.41, 0.421, 0.386, 0.392, 0.402, 0.4, 0.417]),
    "n12TiesAndZero": ([12, 15, 11, 14, 13, 16, 10, 15, 12, 14, 13, 11],
                       [10, 15, 12, 11, 12, 13, 11, 12, 10, 13, 11, 12]),
    "n6ZeroNoTies": ([1.5, 2.25, 3.0, 0.75, 4.0, 2.0], [1.0, 2.25, 1.75, 1.0, 1.0, 2.125]),
    "n5AllTied": ([3, 4, 5, 6, 7], [2, 3, 4, 5, 6]),
    "n1": ([0.3], [0.25]),
}
# n = 30 with ties and two zeros (normal approximation with tie correction, zeros dropped);
# n = 60 without ties (normal approximation because n > 50).
_d30 = [3, -1, 2, 2, 0, 1, -2, 3, 1, 1, 4, -1, 2, 0, 3, 2, -3, 1, 2, 5, 1, -2, 2, 3, 1, 4, -1, 2, 1, 3]
_y30 = [20 + (i * 7) % 11 for i in range(30)]
PAIRED["n30TiesNormal"] = ([float(a + b) for a, b in zip(_y30, _d30)], [float(b) for b in _y30])
_y60 = [round(0.25 + 0.0007 * i, 4) for i in range(60)]
_x60 = [round(y + (-1 if i % 3 == 0 else 1) * 0.0011 * (i + 1), 4) for i, y in enumerate(_y60)]
PAIRED["n60Normal"] = (_x60, _y60)

ALL_ZERO = {"n4AllZero": [0.3, 0.31, 0.29, 0.33], "n20AllZero": [0.3] * 20}

UNPAIRED = {
    "exact5v4": ([0.24, 0.25, 0.26, 0.30, 0.33], [0.27, 0.29, 0.31, 0.35]),
    "exact3v3": ([0.31, 0.29, 0.35], [0.27, 0.28, 0.30]),
    "normal12v10": ([1.21, 1.35, 1.18, 1.42, 1.29, 1.33, 1.25, 1.51, 1.19, 1.38, 1.27, 1.31],
                    [1.12, 1.24, 1.16, 1.3, 1.09, 1.22, 1.28, 1.14, 1.2, 1.17]),
    "ties5v6": ([1, 2, 2, 3, 5], [2, 3, 3, 4, 6, 7]),
    "welch8v30": ([0.412, 0.398, 0.455, 0.401, 0.387, 0.43, 0.419, 0.444],
                  [round(0.45 + 0.12 * math.sin(1.7 * i + 0.4), 4) for i in range(30)]),
    "allTied3v2": ([1, 1, 1], [1, 1]),
    "n1v3": ([0.3], [0.2, 0.25, 0.27]),
}

HOLM = [
    [0.01, 0.04, 0.03, 0.005, 0.2],
    [0.02, 0.02, 0.5],
    [0.3, 0.4, 0.6],
    [0.5, 0.9, 0.8, 0.0],
    [0.04],
]

BOOTSTRAP_SEED = 2024      # Bootstrap.defaultSeed in Swift
BOOTSTRAP_B = 10_000       # Bootstrap.defaultResamples in Swift

# ---------------------------------------------------------------------------------------------
# Helpers


def f(v):
    """A Swift Double literal that round-trips (repr is the shortest round-trip form)."""
    if v is None:
        return "nil"
    v = float(v)
    if math.isnan(v):
        return ".nan"
    return repr(v)


def arr(xs, indent=8):
    """A Swift array literal, wrapped to at most 96 characters (100 once indented in a table)."""
    items = [f(v) for v in xs]
    lines, line = [], "["
    for i, item in enumerate(items):
        piece = item + ("]" if i == len(items) - 1 else ",")
        if len(line) + 1 + len(piece) + indent > 95 and line != "[":
            lines.append(line)
            line = " " * indent + piece
        else:
            line += ("" if line == "[" or line.endswith("[") else " ") + piece
    if not items:
        line = "[]"
    lines.append(line)
    return "\n".join(lines)


def fields(pairs, indent=4):
    """`label: value` pairs joined with commas, wrapped to at most 96 characters (100 once indented in a table)."""
    out, line = [], " " * indent
    for label, value in pairs:
        piece = f"{label}: {value},"
        if len(line) + 1 + len(piece) > 95 and line.strip():
            out.append(line)
            line = " " * indent + piece
        else:
            line += ("" if not line.strip() else " ") + piece
    out.append(line)
    return "\n".join(out).rstrip(",")


def wilcoxon_method(d):
    """scipy 1.17 _wilcoxon_nd with method='auto': n > 50 -> asymptotic; else no ties and no
    zeros -> exact; else n <= 13 -> permutation test (2^n sign flips, all enumerated); else
    asymptotic.  Ties are ties among the non-zero |d|."""
    d = np.asarray(d, float)
    n = d.size
    if n > 50:
        return "normal"
    nz = np.abs(d[d != 0])
    has_ties = np.unique(nz).size < nz.size
    if not has_ties and not np.any(d == 0):
        return "exact"
    if n <= 13:
        return "exactConditional"
    return "normal"


def mwu_method(x, y):
    """scipy 1.17 _mwu_choose_method: both sizes > 8 -> asymptotic; any ties -> asymptotic;
    otherwise exact."""
    if len(x) > 8 and len(y) > 8:
        return "normal"
    xy = np.concatenate([x, y])
    return "normal" if np.unique(xy).size < xy.size else "exact"


def matched_pairs_rank_biserial(d):
    """(R+ - R-)/(R+ + R-), mid-ranks of the non-zero |d| (zeros dropped, as in Wilcoxon's
    'wilcox' zero method); None when every difference is zero."""
    d = np.asarray(d, float)
    d = d[d != 0]
    if d.size == 0:
        return None
    r = stats.rankdata(np.abs(d))
    rp, rm = r[d > 0].sum(), r[d < 0].sum()
    return (rp - rm) / (rp + rm)


def cliffs_delta(x, y):
    gt = sum(1 for a in x for b in y if a > b)
    lt = sum(1 for a in x for b in y if a < b)
    return (gt - lt) / (len(x) * len(y))


def hedges_g(x, y):
    nx, ny = len(x), len(y)
    if nx + ny < 3:
        return None
    vx = np.var(x, ddof=1) if nx > 1 else 0.0
    vy = np.var(y, ddof=1) if ny > 1 else 0.0
    sp = math.sqrt(((nx - 1) * vx + (ny - 1) * vy) / (nx + ny - 2))
    if sp == 0:
        return None
    return (np.mean(x) - np.mean(y)) / sp * (1 - 3 / (4 * (nx + ny) - 9))


def holm(p):
    """statsmodels.stats.multitest.multipletests(p, method='holm')[1], transcribed."""
    p = np.asarray(p, float)
    m = p.size
    order = np.argsort(p)
    raw = p[order] * np.arange(m, 0, -1)
    adj = np.minimum(np.maximum.accumulate(raw), 1)
    out = np.empty(m)
    out[order] = adj
    return out


def gsl_mt19937(seed):
    """numpy's legacy RandomState seeding is init_genrand, as gsl_rng_set for mt19937."""
    return np.random.RandomState(4357 if seed == 0 else seed)._bit_generator


def gsl_uniform_int(bg, n):
    """gsl_rng_uniform_int: scale = (max - min) / n; draw until floor(raw / scale) < n."""
    scale = 0xFFFFFFFF // n
    while True:
        k = int(bg.random_raw()) // scale
        if k < n:
            return k


def replicated_bootstrap(x, seed, b, level):
    bg = gsl_mt19937(seed)
    n = len(x)
    means = []
    for _ in range(b):
        s = 0.0
        for _ in range(n):
            s += x[gsl_uniform_int(bg, n)]
        means.append(s / n)
    alpha = (1 - level) / 2
    return np.quantile(means, [alpha, 1 - alpha], method="linear")


# ---------------------------------------------------------------------------------------------

print(f"// scipy {scipy.__version__}, numpy {np.__version__}")


def case(kind, name, samples, pairs):
    """One Swift case literal: samples as wrapped arrays, then the expected numbers."""
    text = f'{kind}(\n    name: "{name}",'
    for label, xs in samples:
        text += f"\n    {label}: {arr(xs)},"
    print(text + "\n" + fields(pairs) + "),")


NO_T = [("t", "nil"), ("df", "nil"), ("tP", "nil"), ("tLow", "nil"), ("tHigh", "nil")]


def t_fields(result):
    ci = result.confidence_interval(0.95)
    return [("t", f(result.statistic)), ("df", f(result.df)), ("tP", f(result.pvalue)),
            ("tLow", f(ci.low)), ("tHigh", f(ci.high))]


print("\n// Summary: mean, sd (n-1), median, min, max, t intervals (scipy.stats.t.interval)")
for name, x in SUMMARY.items():
    x = np.asarray(x, float)
    n = x.size
    lo, hi = stats.t.interval(0.95, n - 1, loc=x.mean(), scale=stats.sem(x))
    lo90, hi90 = stats.t.interval(0.90, n - 1, loc=x.mean(), scale=stats.sem(x))
    case("SummaryCase", name, [("x", x)],
         [("mean", f(x.mean())), ("sd", f(x.std(ddof=1))), ("median", f(np.median(x))),
          ("min", f(x.min())), ("max", f(x.max())), ("tLow", f(lo)), ("tHigh", f(hi)),
          ("tLow90", f(lo90)), ("tHigh90", f(hi90))])

print("\n// Bootstrap percentile interval of the mean, seed", BOOTSTRAP_SEED, "B", BOOTSTRAP_B)
for name in ["bimodal5", "n30"]:
    x = np.asarray(SUMMARY[name], float)
    rep = replicated_bootstrap(list(x), BOOTSTRAP_SEED, BOOTSTRAP_B, 0.95)
    rng = np.random.default_rng(12345)
    ref = stats.bootstrap((x,), np.mean, method="percentile", n_resamples=1_000_000,
                          batch=100_000, rng=rng).confidence_interval
    runs = np.array([stats.bootstrap((x,), np.mean, method="percentile",
                                     n_resamples=BOOTSTRAP_B, rng=rng).confidence_interval
                     for _ in range(200)])
    # A discrete bootstrap distribution (n = 5) puts an endpoint on the same atom in every run
    # (standard deviation 0): the floor 1e-9 only allows for rounding of the resample means.
    tol = np.maximum(5 * runs.std(axis=0, ddof=1), 1e-9)
    print(f'BootstrapCase(\n    name: "{name}",\n' + fields(
        [("replicatedLow", f(rep[0])), ("replicatedHigh", f(rep[1])),
         ("scipyLow", f(ref.low)), ("scipyHigh", f(ref.high)),
         ("toleranceLow", f(float(f"{tol[0]:.2g}"))),
         ("toleranceHigh", f(float(f"{tol[1]:.2g}")))]) + "),")
# A second seed for the bimodal sample, to show the seed is what the stream depends on.
rep7 = replicated_bootstrap(SUMMARY["bimodal5"], 7, 2000, 0.90)
print(f"// bimodal5, seed 7, B 2000, 90%: {f(rep7[0])}, {f(rep7[1])}")

print("\n// Paired: scipy.stats.ttest_rel and scipy.stats.wilcoxon(x, y) defaults")
for name, (x, y) in PAIRED.items():
    x, y = np.asarray(x, float), np.asarray(y, float)
    d = x - y
    n = d.size
    if n >= 2 and d.std(ddof=1) > 0:
        t_part = t_fields(stats.ttest_rel(x, y))
        dz = d.mean() / d.std(ddof=1)
    else:
        t_part, dz = NO_T, None
    w = stats.wilcoxon(x, y)
    method = wilcoxon_method(d)
    forced = {"exact": "exact", "normal": "asymptotic",
              "exactConditional": stats.PermutationMethod()}[method]
    assert stats.wilcoxon(x, y, method=forced).pvalue == w.pvalue, name
    case("PairedCase", name, [("x", x), ("y", y)],
         [("meanDifference", f(d.mean())), ("medianDifference", f(np.median(d)))] + t_part
         + [("w", f(w.statistic)), ("wP", f(w.pvalue)), ("method", "." + method),
            ("dz", f(dz)), ("rankBiserial", f(matched_pairs_rank_biserial(d)))])

print("\n// All differences zero: scipy p (n <= 13: permutation test gives 1; n > 13: NaN)")
for name, x in ALL_ZERO.items():
    print(f"// {name}: scipy wilcoxon p = {f(stats.wilcoxon(x, x).pvalue)}")

print("\n// Smallest two-sided Wilcoxon p with n pairs (n distinct positive differences)")
for n in [1, 2, 3, 4, 5, 8, 12, 30, 50, 51, 60, 200]:
    print(f"({n}, {f(stats.wilcoxon(np.arange(1.0, n + 1)).pvalue)}),")

print("\n// Unpaired: scipy.stats.ttest_ind(equal_var=False) and mannwhitneyu(x, y) defaults")
for name, (x, y) in UNPAIRED.items():
    x, y = np.asarray(x, float), np.asarray(y, float)
    ok = x.size >= 2 and y.size >= 2 and (x.var(ddof=1) > 0 or y.var(ddof=1) > 0)
    t_part = t_fields(stats.ttest_ind(x, y, equal_var=False)) if ok else NO_T
    u = stats.mannwhitneyu(x, y)
    method = mwu_method(x, y)
    forced = "exact" if method == "exact" else "asymptotic"
    assert stats.mannwhitneyu(x, y, method=forced).pvalue == u.pvalue, name
    case("UnpairedCase", name, [("x", x), ("y", y)],
         [("meanDifference", f(x.mean() - y.mean()))] + t_part
         + [("u", f(u.statistic)), ("uP", f(u.pvalue)), ("method", "." + method),
            ("hedgesG", f(hedges_g(x, y))), ("cliffsDelta", f(cliffs_delta(x, y)))])

print("\n// Holm (statsmodels multipletests method='holm' definition)")
for p in HOLM:
    print(f"({arr(p)}, {arr(holm(p))}),")
