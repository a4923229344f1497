"""Local dates and times become UTC with the offset of their own day, summer time included."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from smallcrm.services import satisfaction, when
from smallcrm.services.contacts import ContactInput, add_contact
from tests.clock import time_zone


@pytest.fixture
def berlin():
    with time_zone("Europe/Berlin"):
        yield


def test_a_date_alone_is_noon_on_that_day_in_summer_and_in_winter(berlin):
    assert when.parse_datetime("2026-07-10") == datetime(2026, 7, 10, 10, tzinfo=timezone.utc)  # CEST, +2
    assert when.parse_datetime("2026-01-10") == datetime(2026, 1, 10, 11, tzinfo=timezone.utc)  # CET, +1


def test_a_time_without_a_zone_takes_that_day_s_offset(berlin):
    assert when.parse_datetime("2026-07-10 09:30") == datetime(2026, 7, 10, 7, 30, tzinfo=timezone.utc)
    assert when.parse_datetime("2026-12-10 09:30") == datetime(2026, 12, 10, 8, 30, tzinfo=timezone.utc)
    assert when.local_moment(date(2026, 3, 29)).utcoffset().total_seconds() == 3600  # the clocks go forward at 2:00


def test_answers_are_counted_by_local_days_across_the_change_to_summer_time(berlin, db):
    contact = add_contact(ContactInput(first_name="Ann", last_name="Lee"))
    # 23:30 local on 31 March (summer time, +2) is 21:30 UTC: it belongs to 31 March, not to 1 April.
    satisfaction.record_feedback(contact, "nps", 10, at=datetime(2026, 3, 31, 21, 30, tzinfo=timezone.utc))
    # 00:30 local on 1 April is 22:30 UTC on 31 March.
    satisfaction.record_feedback(contact, "nps", 0, at=datetime(2026, 3, 31, 22, 30, tzinfo=timezone.utc))
    march = satisfaction.nps(start=date(2026, 3, 1), end=date(2026, 3, 31))
    april = satisfaction.nps(start=date(2026, 4, 1), end=date(2026, 4, 30))
    assert (march.promoters, march.detractors) == (1, 0)
    assert (april.promoters, april.detractors) == (0, 1)
