"""Dates of closure and reopening read from announcement text; other dates are not taken."""

import datetime

import pytest

from lantern.insights.classify import extract_dates

PUBLISHED = datetime.date(2020, 2, 20)
D = datetime.date


@pytest.mark.parametrize(
    ("text", "closed_on", "reopens_on"),
    [
        ("本馆自2020年1月24日起闭馆，2020年2月24日起恢复开放。", D(2020, 1, 24), D(2020, 2, 24)),
        ("经研究决定，3月2日起，恢复开放。", None, D(2020, 3, 2)),
        ("根据疫情防控要求，本馆自即日起暂停开放，恢复时间另行通知。", PUBLISHED, None),
        ("本館自5月15日起閉館，暫停所有服務。", D(2020, 5, 15), None),
        ("The library will reopen on June 8.", None, D(2020, 6, 8)),
        ("All branches are closed from March 16 until further notice.", D(2020, 3, 16), None),
        ("We closed on March 16, 2020 and will reopen on Monday, June 8.", D(2020, 3, 16), D(2020, 6, 8)),
        ("Effective immediately, all branches are closed.", PUBLISHED, None),
    ],
)
def test_closure_and_reopening_dates(text, closed_on, reopens_on):
    assert extract_dates(text, PUBLISHED) == {"closed_on": closed_on, "reopens_on": reopens_on}


def test_dates_outside_a_closure_context_are_not_taken():
    text = "Our storytime on March 3 is full; the book sale is on April 4. 读书节活动将于4月23日举行。"
    assert extract_dates(text, PUBLISHED) == {"closed_on": None, "reopens_on": None}


def test_a_closure_until_a_date_is_not_a_closure_on_that_date():
    assert extract_dates("闭馆至3月1日。", PUBLISHED)["closed_on"] is None


def test_without_a_publication_date_only_dates_with_a_year_count():
    assert extract_dates("3月2日起恢复开放，自即日起暂停开放", None) == {"closed_on": None, "reopens_on": None}
    assert extract_dates("2021年3月2日起恢复开放", None)["reopens_on"] == D(2021, 3, 2)
