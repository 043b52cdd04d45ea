"""The backtest on the real UN voting record, 1946-2019: the projection, from the roll calls
before a vote alone, calls more states right than the naive baseline (each state votes as it
did last time). The file is imported once for the module by the fixture of
tests/unrecord/test_analytics_real_data.py (reused, with its skip when the file is absent).

The Syria and DPRK series are used because their membership is stable from one import to the
next; the Iran series' is not (see the report of the intelligence work: two of its resolutions
carry a second roll call, on a motion, whose title may become the resolution's)."""

import pytest

from intelligence.backtest import backtest, backtest_sessions, find_series
from tests.unrecord.test_analytics_real_data import record as un_voting_record  # noqa: F401 (autouse)

pytestmark = [pytest.mark.shared_data, pytest.mark.django_db]

SYRIA = "Situation of human rights in the Syrian Arab Republic"
DPRK = "Situation of human rights in the Democratic People's Republic of Korea"


def test_the_projection_beats_the_baseline_on_the_2019_syria_resolution():
    """Absent in large numbers in December 2015, states came back in 2019: the baseline repeats
    their absence, the projection their usual vote."""
    result = backtest(series=find_series(SYRIA), session=74)

    assert result.vote_event.date.year == 2019
    assert result.projection.compared == 193
    assert result.projection.accuracy > result.baseline.accuracy + 0.05


def test_the_projection_beats_the_baseline_over_every_syria_and_dprk_session():
    for name, sessions in ((SYRIA, [67, 68, 69, 70, 74]), (DPRK, [61, 62, 63, 64, 65, 66, 69, 70])):
        summary = backtest_sessions(series=find_series(name))

        assert [result.session for result in summary.results] == sessions
        assert summary.mean_accuracy("projection") > summary.mean_accuracy("baseline")


def test_the_dprk_resolution_of_2014_is_projected_from_its_sessions_60_to_66():
    result = backtest(series=find_series(DPRK), session=69)

    assert result.projection.actual == {"Y": 116, "N": 20, "A": 53, "X": 4}
    assert result.projection_bases == {"history": 193}
    assert result.projection.accuracy > 0.8
