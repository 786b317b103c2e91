"""Train the answer verifier: run labelled questions through the service ungated, label each
answer right or wrong with the strict scorer (``evaluation/answers.py``, as
``../shared/eval/score_api.py``), fit a logistic regression (scikit-learn) on the features
the service reports (``answer/verify.py``), choose the refusal threshold for precision on a
held-out split, and refit on everything.

The threshold is the lowest probability at which the answers kept on the held-out split are
right at least ``precision`` of the time; answers below it are refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rivs_qa.answer.contract import AskRequest
from rivs_qa.answer.service import AnswerService
from rivs_qa.answer.verify import AnswerFeatures, Verifier
from rivs_qa.evaluation.answers import score_answer
from rivs_qa.evaluation.dataset import EvalItem

#: Held-out share for choosing the threshold.
HELD_OUT = 0.3
#: Inverse L2 strength: 0.1 scored the best ranking (ROC AUC) on questions not trained on
#: (two blind sets: 0.88 / 0.79; C = 1: 0.89 / 0.79; degree-2 interactions 0.79 / 0.74;
#: gradient boosting 0.81 / 0.76), with 20 features and ~550 training answers.
C = 0.1
SEED = 13


@dataclass(frozen=True)
class Case:
    item_id: str
    lang: str
    features: AnswerFeatures
    right: bool


def collect(service: AnswerService, items: Sequence[EvalItem], codes: Sequence[str]) -> list[Case]:
    """One case per item the service answers (refusals before the verifier are not cases)."""
    cases = []
    for item in items:
        session = f"train-{item.id}"
        for earlier in item.history:
            service.ask(AskRequest(question=earlier, session_id=session))
        response, features = service.explain(AskRequest(question=item.question, session_id=session))
        if features is None:
            continue
        right = score_answer(item, response, codes, 0.0).correct
        cases.append(Case(item.id, item.lang, features, right))
    return cases


def fit(cases: Sequence[Case], precision: float) -> tuple[Verifier, dict[str, float]]:
    """The verifier and what the held-out split says of it."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import StandardScaler

    x = np.array([c.features.vector() for c in cases], dtype=float)
    y = np.array([c.right for c in cases], dtype=int)
    x_fit, x_val, y_fit, y_val = train_test_split(
        x, y, test_size=HELD_OUT, random_state=SEED, stratify=y
    )

    def model(xs: np.ndarray, ys: np.ndarray) -> tuple[StandardScaler, LogisticRegression]:
        scaler = StandardScaler().fit(xs)
        return scaler, LogisticRegression(max_iter=2000, C=C).fit(scaler.transform(xs), ys)

    scaler, lr = model(x_fit, y_fit)
    p_val = lr.predict_proba(scaler.transform(x_val))[:, 1]
    threshold = _threshold(p_val, y_val, precision)
    kept = p_val >= threshold
    stats = {
        "cases": float(len(cases)),
        "right_share": float(y.mean()),
        "held_out": float(len(y_val)),
        "held_out_precision_before": float(y_val.mean()),
        "held_out_precision_after": float(y_val[kept].mean()) if kept.any() else 1.0,
        "held_out_right_kept": float((kept & (y_val == 1)).sum() / max(1, (y_val == 1).sum())),
        "threshold": float(threshold),
    }
    scaler, lr = model(x, y)
    verifier = Verifier(
        features=AnswerFeatures.names(),
        mean=[float(v) for v in scaler.mean_],
        scale=[float(v) for v in scaler.scale_],
        coef=[float(v) for v in lr.coef_[0]],
        intercept=float(lr.intercept_[0]),
        threshold=float(threshold),
        trained_on={k: round(v, 4) for k, v in stats.items()},
    )
    return verifier, stats


def _threshold(p: Sequence[float], y: Sequence[int], precision: float) -> float:
    """The lowest cut whose kept answers reach ``precision``; 0 when all of them do."""
    pairs = sorted(zip(p, y, strict=True))
    for i, (cut, _) in enumerate(pairs):
        kept = [label for _, label in pairs[i:]]
        if sum(kept) / len(kept) >= precision:
            return float(cut)
    return 1.0


def reliability(verifier: Verifier, cases: Sequence[Case], bins: int = 5) -> list[str]:
    """Rows "p from–to: n answers, share right": how well the probability is calibrated."""
    rows = []
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        inside = [
            c for c in cases
            if low <= verifier.p_right(c.features) < high or (b == bins - 1 and high == 1.0
            and verifier.p_right(c.features) == 1.0)
        ]  # fmt: skip
        share = sum(c.right for c in inside) / len(inside) if inside else float("nan")
        rows.append(f"p {low:.1f}-{high:.1f}: {len(inside):4d} answers, right {share:.2f}")
    return rows
