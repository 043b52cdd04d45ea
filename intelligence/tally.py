"""How many states may choose an option, given each state's probability of choosing it: the exact
distribution of the count (a Poisson-binomial, by dynamic programming over the states) and its 80%
interval, widened by a swing that moves states together.

States do not vote independently: a bloc moves as one, a campaign's news reaches every mission,
and an interval from independent states is too narrow (the training series' counts fell outside
such intervals far more often than one time in five). So the count's distribution is a mixture
over a shared swing: every state's log-odds of the option move by the same `swing` × t, t drawn
from a standard normal (five-point Gauss-Hermite quadrature). `swing` = 0 gives independent states.
How far a series' states move together is read from its own earlier roll calls
(`swing_from_residuals`), shrunk toward the swing in `Weights`, tuned on the training series.

Pure Python, no numpy: a state almost sure either way only shifts or leaves the count, and the
distribution's negligible tails are cut as it grows, so 193 states cost a few milliseconds.
"""

import math

LOW_QUANTILE, HIGH_QUANTILE = 0.1, 0.9  # an 80% interval
_SURE = 1e-12  # closer than this to 0 or 1, a probability is taken as 0 or 1
_NEGLIGIBLE = 1e-13  # mass cut from the tails of a count's distribution as it grows

# Probabilists' Gauss-Hermite nodes and weights for a standard normal (five points).
_NODES = (0.0, 1.3556261799742659, -1.3556261799742659, 2.8569700138728056, -2.8569700138728056)
_NODE_WEIGHTS = (
    0.5333333333333333,
    0.2220759220056126,
    0.2220759220056126,
    0.011257411327720691,
    0.011257411327720691,
)


def count_interval(probabilities: list[float], *, swing: float = 0.0) -> tuple[int, int]:
    """The 10th and 90th percentiles of the number of states choosing the option, each state
    choosing it with its probability in `probabilities`, moved together by `swing`."""
    offset, masses = count_distribution(probabilities, swing=swing)
    return offset + _quantile(masses, LOW_QUANTILE), offset + _quantile(masses, HIGH_QUANTILE)


def count_distribution(probabilities: list[float], *, swing: float = 0.0) -> tuple[int, list[float]]:
    """(k0, masses): P(count = k0 + i) = masses[i]; a mixture over the shared swing."""
    if swing <= 0:
        return poisson_binomial(probabilities)
    parts = [
        (weight, poisson_binomial([_shifted(p, swing * node) for p in probabilities]))
        for node, weight in zip(_NODES, _NODE_WEIGHTS, strict=True)
    ]
    start = min(offset for _, (offset, _) in parts)
    end = max(offset + len(masses) for _, (offset, masses) in parts)
    mixed = [0.0] * (end - start)
    for weight, (offset, masses) in parts:
        for i, mass in enumerate(masses, start=offset - start):
            mixed[i] += weight * mass
    return start, mixed


def poisson_binomial(probabilities: list[float]) -> tuple[int, list[float]]:
    """The exact distribution of a sum of independent Bernoulli trials, as (k0, masses)."""
    offset, masses = 0, [1.0]
    for p in probabilities:
        if p >= 1 - _SURE:
            offset += 1
        elif p > _SURE:
            masses = _add_trial(masses, p)
            offset += _trim(masses)
    return offset, masses


def _add_trial(masses: list[float], p: float) -> list[float]:
    q = 1 - p
    grown = [mass * q for mass in masses]
    grown.append(0.0)
    for k, mass in enumerate(masses, start=1):
        grown[k] += mass * p
    return grown


def _trim(masses: list[float]) -> int:
    """Cut the negligible tails in place; how many counts were cut from the low end."""
    low = 0
    while low < len(masses) - 1 and masses[low] < _NEGLIGIBLE:
        low += 1
    while len(masses) - 1 > low and masses[-1] < _NEGLIGIBLE:
        masses.pop()
    del masses[:low]
    return low


def _shifted(p: float, shift: float) -> float:
    """`p` with its log-odds moved by `shift`; 0 and 1 stay put."""
    if p <= _SURE or p >= 1 - _SURE:
        return p
    return 1 / (1 + math.exp(-(math.log(p / (1 - p)) + shift)))


def _quantile(masses: list[float], level: float) -> int:
    """The smallest index whose cumulative mass reaches `level` (rounding aside)."""
    cumulative = 0.0
    for i, mass in enumerate(masses):
        cumulative += mass
        if cumulative >= level - 1e-9:
            return i
    return len(masses) - 1


def swing_from_residuals(residuals: list[tuple[float, float]], *, prior: float, prior_pairs: float) -> float:
    """The swing a series' earlier roll calls show, shrunk toward `prior`. `residuals`: per (roll
    call, option), the recorded count minus the expected one, and the count's variance were the
    states independent (the sum of p(1 - p)). Moving every state's log-odds by swing × t adds
    about (swing × variance)² × E[t²] to the count's variance (the count moves by its variance
    per unit of log-odds), so swing² is estimated by Σ(residual² - variance) / Σ variance²,
    at least 0; then weighed against `prior`² as if the prior were `prior_pairs` such pairs."""
    excess = sum(residual * residual - variance for residual, variance in residuals)
    scale = sum(variance * variance for _, variance in residuals)
    observed = max(excess, 0.0) / scale if scale > 0 else 0.0
    pairs = sum(1 for _, variance in residuals if variance > 0)
    return math.sqrt((pairs * observed + prior_pairs * prior * prior) / (pairs + prior_pairs))
