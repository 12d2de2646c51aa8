"""The output contract: periods written in different ways compare by the days they cover."""

from __future__ import annotations

import pytest

from pipeline.contract import is_same_period, period_range


@pytest.mark.parametrize(("written", "days"), [
    ("2023", ("2023-01-01", "2023-12-31")),
    ("2024-02", ("2024-02-01", "2024-02-29")),
    ("2019-07-01/2020-06-30", ("2019-07-01", "2020-06-30")),
    ("2020-2022", ("2020-01-01", "2022-12-31")),
    ("2015/2017", ("2015-01-01", "2017-12-31")),
    ("2016-12/2019-03", ("2016-12-01", "2019-03-31")),
    ("hela året", None),
])
def test_period_range(written: str, days: tuple[str, str] | None) -> None:
    assert period_range(written) == days


@pytest.mark.parametrize(("a", "b", "same"), [
    ("2023", "2023-01-01/2023-12-31", True),
    ("2020/2022", "2020-2022", True),
    ("2021", "2022", False),
    ("2023", "2023-07-01/2023-12-31", False),
])
def test_is_same_period(a: str, b: str, same: bool) -> None:
    assert is_same_period(a, b) is same
