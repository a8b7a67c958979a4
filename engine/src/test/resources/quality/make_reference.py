#!/usr/bin/python3
"""Reference values for Vigil's model-quality functions (predictions.md §3, §4).

Every metric comes from scikit-learn 1.2 / SciPy on seeded synthetic data; the Java tests
(io.vigil.stats.quality.QualityReferenceTest) must match to 1e-9, estimates to 1e-6.
Bounds: Wilson from scipy.stats.binomtest(...).proportion_ci(method="wilson"), Student's t from
scipy.stats.sem and the t quantile (see t_quantile), Hanley-McNeil from its formula with scipy's norm.ppf.
CBPE: sklearn's IsotonicRegression on the reference pairs; expected confusion matrix and expected ROC
AUC from sklearn's confusion_matrix / roc_auc_score on each prediction counted as a positive with
weight p and a negative with weight 1 - p.

Run: /usr/bin/python3 make_reference.py > reference.json
"""
import json
import sys

import mpmath
import numpy as np
from scipy import stats
from sklearn.isotonic import IsotonicRegression
from sklearn.metrics import (accuracy_score, brier_score_loss, confusion_matrix, f1_score, log_loss,
                             mean_absolute_error, mean_absolute_percentage_error, mean_squared_error,
                             precision_score, r2_score, recall_score, roc_auc_score)

CONFIDENCE = 0.95
Z = stats.norm.ppf(1 - (1 - CONFIDENCE) / 2)


def wilson(k, n):
    if n == 0:
        return None
    ci = stats.binomtest(int(k), int(n)).proportion_ci(CONFIDENCE, method="wilson")
    return [float(ci.low), float(ci.high)]


def point(value, interval=None):
    out = {"value": None if value is None else float(value)}
    if interval is not None:
        out["lower"], out["upper"] = interval
    return out


def hanley_mcneil(a, n1, n2):
    q1 = a / (2 - a)
    q2 = 2 * a * a / (1 + a)
    se = np.sqrt((a * (1 - a) + (n1 - 1) * (q1 - a * a) + (n2 - 1) * (q2 - a * a)) / (n1 * n2))
    return [float(max(0.0, a - Z * se)), float(min(1.0, a + Z * se))]


def t_quantile(df, p):
    # SciPy 1.10's t.ppf (cephes stdtrit) is off by ~1e-9 relative at small df: t.ppf(0.975, 6) gives
    # 2.4469118487916806, the exact value is 2.44691185114496993... So the quantile is solved with
    # mpmath at 30 digits from the regularized incomplete beta, and checked against SciPy to 1e-8.
    mpmath.mp.dps = 30
    x = mpmath.findroot(lambda t: mpmath.betainc(df / 2, 0.5, 0, df / (df + t * t), regularized=True) / 2 - (1 - p),
                        stats.t.ppf(p, df))
    assert abs(float(x) - stats.t.ppf(p, df)) < 1e-8 * float(x)
    return float(x)


def t_interval(values):
    if len(values) < 2:
        return None
    t = t_quantile(len(values) - 1, 1 - (1 - CONFIDENCE) / 2)
    sem = stats.sem(values)
    return [float(np.mean(values) - t * sem), float(np.mean(values) + t * sem)]


def ece(y01, prob, bins=10):
    # sklearn.calibration.calibration_curve's binning (uniform), with the counts it does not return
    edges = np.linspace(0.0, 1.0, bins + 1)
    ids = np.searchsorted(edges[1:-1], prob)
    sum_p = np.bincount(ids, weights=prob, minlength=bins)
    sum_y = np.bincount(ids, weights=y01, minlength=bins)
    total = np.bincount(ids, minlength=bins)
    nz = total != 0
    return float(np.sum(total[nz] / len(prob) * np.abs(sum_y[nz] / total[nz] - sum_p[nz] / total[nz])))


def classification_expected(kind, k, predicted, actual, scores, delays, c, q):
    """scores: n x k matrix (binary: columns 1 - s, s). actual -1 = no outcome."""
    n = len(predicted)
    lab = actual >= 0
    y, p, s = actual[lab], predicted[lab], scores[lab]
    m = int(lab.sum())
    e = {
        "predictions": point(n),
        "labelled": point(m),
        "label_coverage": point(m / n if n else None, wilson(m, n)),
        "positive_rate": point(np.mean(predicted == c) if n else None, wilson(np.sum(predicted == c), n)),
        "label_delay": point(np.quantile(delays[lab], q) if m else None),
    }
    if m == 0:
        for f in ["accuracy", "precision", "recall", "f1", "fpr", "specificity", "auc", "log_loss", "brier",
                  "calibration_error", "actual_rate"]:
            e[f] = point(None)
        return e
    yc, pc = (y == c).astype(int), (p == c).astype(int)
    tn, fp, fn, tp = confusion_matrix(yc, pc, labels=[0, 1]).ravel()
    e["accuracy"] = point(accuracy_score(y, p), wilson(np.sum(y == p), m))
    e["precision"] = point(precision_score(yc, pc, zero_division=0) if tp + fp else None, wilson(tp, tp + fp))
    e["recall"] = point(recall_score(yc, pc, zero_division=0) if tp + fn else None, wilson(tp, tp + fn))
    e["f1"] = point(f1_score(yc, pc) if (tp + fp and tp + fn) else None)
    e["fpr"] = point(fp / (fp + tn) if fp + tn else None, wilson(fp, fp + tn))
    e["specificity"] = point(tn / (fp + tn) if fp + tn else None, wilson(tn, fp + tn))
    e["actual_rate"] = point(np.mean(yc), wilson(np.sum(yc), m))
    n1, n2 = int(yc.sum()), int(m - yc.sum())
    if n1 and n2:
        a = roc_auc_score(yc, s[:, c])
        e["auc"] = point(a, hanley_mcneil(a, n1, n2))
    else:
        e["auc"] = point(None)
    if kind == "binary":
        e["log_loss"] = point(log_loss(y, s[:, 1], eps=1e-15, labels=[0, 1]))
    else:
        e["log_loss"] = point(log_loss(y, s, eps=1e-15, labels=list(range(k))))
    e["brier"] = point(brier_score_loss(yc, s[:, c], pos_label=1))
    e["calibration_error"] = point(ece(yc, s[:, c]))
    return e


def regression_expected(predicted, actual, delays, q):
    n = len(predicted)
    lab = ~np.isnan(actual)
    y, p = actual[lab], predicted[lab]
    m = int(lab.sum())
    e = {"predictions": point(n), "labelled": point(m), "label_coverage": point(m / n, wilson(m, n)),
         "label_delay": point(np.quantile(delays[lab], q) if m else None)}
    if m == 0:
        for f in ["mae", "rmse", "mape", "bias", "r2"]:
            e[f] = point(None)
        return e
    err = p - y
    e["mae"] = point(mean_absolute_error(y, p), t_interval(np.abs(err)))
    e["bias"] = point(np.mean(err), t_interval(err))
    e["rmse"] = point(mean_squared_error(y, p, squared=False))
    nz = y != 0
    e["mape"] = point(100 * mean_absolute_percentage_error(y[nz], p[nz]) if nz.any() else None)
    e["mape"]["excluded"] = int(np.sum(~nz))
    # sklearn gives 0 (or 1) when every actual is equal; a 0 would read as a breach, so Vigil has no value
    e["r2"] = point(r2_score(y, p) if m >= 2 and np.var(y) > 0 else None)
    return e


def floats(a):
    return [None if np.isnan(x) else float(x) for x in a]


def binary_case(name, rng, n, decimals, labelled_share, threshold=0.5, c=1, q=0.5, only_class=None):
    score = rng.uniform(0, 1, n)
    if decimals is not None:
        score = np.round(score, decimals)
    actual = (rng.uniform(0, 1, n) < np.clip(score * 0.8 + 0.1, 0, 1)).astype(int)
    if only_class is not None:
        actual[:] = only_class
    actual[rng.uniform(0, 1, n) >= labelled_share] = -1
    delays = np.where(actual >= 0, np.round(rng.exponential(86400, n)), np.nan)
    predicted = (score >= threshold).astype(int)
    scores = np.column_stack([1 - score, score])
    return {"id": name, "kind": "binary", "classes": 2, "class": c, "q": q, "threshold": threshold,
            "score": floats(score), "predicted": predicted.tolist(), "actual": actual.tolist(),
            "delay": floats(delays),
            "expected": classification_expected("binary", 2, predicted, actual, scores, delays, c, q)}


def multiclass_case(name, rng, n, k, c, q=0.5):
    scores = rng.dirichlet(np.ones(k), n)
    scores = scores * (1 + rng.uniform(-5e-7, 5e-7, (n, 1)))  # sums within 1 ± 1e-6, as the contract allows
    truth = np.array([rng.choice(k, p=row / row.sum()) for row in scores])
    actual = np.where(rng.uniform(0, 1, n) < 0.8, truth, -1)
    predicted = np.argmax(scores, axis=1)
    delays = np.where(actual >= 0, np.round(rng.exponential(3600, n)), np.nan)
    return {"id": name, "kind": "multiclass", "classes": k, "class": c, "q": q,
            "scores": [floats(col) for col in scores.T], "predicted": predicted.tolist(), "actual": actual.tolist(),
            "delay": floats(delays),
            "expected": classification_expected("multiclass", k, predicted, actual, scores, delays, c, q)}


def regression_case(name, rng, n, zeros, q=0.5):
    actual = np.round(rng.normal(10, 5, n), 2)
    actual[rng.choice(n, zeros, replace=False)] = 0.0
    predicted = actual + rng.normal(0.3, 2, n)
    actual = np.where(rng.uniform(0, 1, n) < 0.9, actual, np.nan)
    delays = np.where(~np.isnan(actual), np.round(rng.exponential(600, n)), np.nan)
    return {"id": name, "kind": "regression", "q": q, "predicted": floats(predicted), "actual": floats(actual),
            "delay": floats(delays), "expected": regression_expected(predicted, actual, delays, q)}


def weighted_twice(p):
    """Each prediction as a positive with weight p and a negative with weight 1 - p."""
    return np.concatenate([np.ones(len(p)), np.zeros(len(p))]), np.concatenate([p, 1 - p])


def cbpe_case(name, rng, n_ref, n_cur, decimals, shift, threshold=0.5):
    def draw(n):
        score = rng.beta(2, 2, n) if shift == 0 else np.clip(rng.beta(2, 2, n) + shift, 0, 1)
        if decimals is not None:
            score = np.round(score, decimals)
        truth = (rng.uniform(0, 1, n) < score ** 1.5).astype(int)  # scores are not calibrated
        return score, truth
    ref_score, ref_truth = draw(n_ref)
    ref_actual = np.where(rng.uniform(0, 1, n_ref) < 0.9, ref_truth, -1)
    cur_score, cur_truth = draw(n_cur)
    cur_actual = np.where(rng.uniform(0, 1, n_cur) < 0.1, cur_truth, -1)
    lab = ref_actual >= 0
    iso = IsotonicRegression(increasing=True, y_min=0, y_max=1, out_of_bounds="clip")
    iso.fit(ref_score[lab], ref_actual[lab])
    predicted = (cur_score >= threshold).astype(int)
    expected = {}
    for calibrate in (True, False):
        p = iso.predict(cur_score) if calibrate else cur_score
        y2, w2 = weighted_twice(p)
        pred2 = np.concatenate([predicted, predicted])
        tn, fp, fn, tp = confusion_matrix(y2, pred2, labels=[0, 1], sample_weight=w2).ravel()
        est = {
            "estimated_accuracy": (tp + tn) / (tp + tn + fp + fn),
            "estimated_precision": tp / (tp + fp) if tp + fp > 0 else None,
            "estimated_recall": tp / (tp + fn) if tp + fn > 0 else None,
            "estimated_f1": 2 * tp / (2 * tp + fp + fn) if (tp + fp > 0 and tp + fn > 0) else None,
            "estimated_auc": roc_auc_score(y2, np.concatenate([cur_score, cur_score]), sample_weight=w2),
        }
        expected["calibrated" if calibrate else "uncalibrated"] = {k: point(v) for k, v in est.items()}
    probe = np.concatenate([[-0.5, 0.0, 1.0, 1.5], rng.uniform(0, 1, 50), ref_score[:20]])
    return {"id": name, "kind": "cbpe", "threshold": threshold,
            "reference_score": floats(ref_score), "reference_actual": ref_actual.tolist(),
            "score": floats(cur_score), "predicted": predicted.tolist(), "actual": cur_actual.tolist(),
            "isotonic": {"thresholds": floats(iso.X_thresholds_), "fitted": floats(iso.y_thresholds_),
                         "probe": floats(probe), "calibrated": floats(iso.predict(probe))},
            "expected": expected}


def main():
    rng = np.random.default_rng(20261203)
    cases = [
        binary_case("binary_ties_n40", rng, 40, 1, 0.7),
        binary_case("binary_ties_n2000_q90", rng, 2000, 2, 0.7, q=0.9),
        binary_case("binary_continuous_n20000", rng, 20000, None, 0.7),
        binary_case("binary_threshold_0.3", rng, 500, 3, 0.8, threshold=0.3),
        binary_case("binary_negative_class", rng, 500, 2, 0.8, c=0),
        binary_case("binary_single_class_positive", rng, 60, 2, 0.8, only_class=1),
        binary_case("binary_single_class_negative", rng, 60, 2, 0.8, only_class=0),
        binary_case("binary_n3", rng, 3, 1, 1.0),
        binary_case("binary_unlabelled", rng, 25, 2, 0.0),
        multiclass_case("multiclass_k3_class0", rng, 600, 3, 0),
        multiclass_case("multiclass_k4_class2", rng, 3000, 4, 2, q=0.25),
        regression_case("regression_zeros_n300", rng, 300, 12),
        regression_case("regression_n20000", rng, 20000, 0, q=0.75),
        regression_case("regression_n1", rng, 1, 0),
        regression_case("regression_all_zero", rng, 8, 8),
        cbpe_case("cbpe_ties", rng, 2000, 3000, 2, 0.0),
        cbpe_case("cbpe_shifted_continuous", rng, 5000, 4000, None, 0.15),
        cbpe_case("cbpe_small", rng, 30, 40, 1, 0.0),
    ]
    # scores 1 ulp apart are one point to scikit-learn (float64 resolution 1e-15)
    x = np.array([0.5, 0.5 + 2 ** -53, 0.7, 0.7, 0.2])
    y = np.array([0, 1, 1, 0, 1])
    iso = IsotonicRegression(increasing=True, y_min=0, y_max=1, out_of_bounds="clip").fit(x, y)
    probe = np.array([0.0, 0.2, 0.3, 0.5, 0.6, 0.7, 0.9])
    cases.append({"id": "isotonic_near_ties", "kind": "isotonic", "score": floats(x), "actual": y.tolist(),
                  "isotonic": {"thresholds": floats(iso.X_thresholds_), "fitted": floats(iso.y_thresholds_),
                               "probe": floats(probe), "calibrated": floats(iso.predict(probe))}})
    json.dump({"meta": {"confidence": CONFIDENCE, "sklearn": __import__("sklearn").__version__,
                        "scipy": __import__("scipy").__version__, "numpy": np.__version__,
                        "n_cases": len(cases)},
               "cases": cases}, sys.stdout, separators=(",", ":"))


if __name__ == "__main__":
    main()
