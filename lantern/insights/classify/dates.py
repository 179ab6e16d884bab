"""Dates of closure and reopening found in an announcement's text.

Only dates in a closure or reopening context count: a date is read together with the words that
follow it up to the end of its clause (or the start of the next date), then with the words before
it in the same clause; the nearest closure or reopening phrase decides which it is. "即日起" /
"effective immediately" next to such a phrase stands for the publication date. A date without a year
takes the year of `published`; without `published` such a date is not used.
"""

from __future__ import annotations

import datetime
import re

from lantern.insights.classify.text import fold

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))

# (pattern, how to read year, month, day from the match)
_DATE = re.compile(
    r"(?:(?P<zy>\d{4})\s*年\s*)?(?P<zm>\d{1,2})\s*月\s*(?P<zd>\d{1,2})\s*[日号]"
    r"|(?P<iy>\d{4})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})"
    rf"|\b(?P<em>{_MONTH})\.?\s+(?P<ed>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s*(?P<ey>\d{{4}}))?"
    rf"|\b(?P<ed2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<em2>{_MONTH})\b(?:,?\s*(?P<ey2>\d{{4}}))?"
)
_NOW = re.compile(
    r"即日起|即日开始|今日起|今天起|自今日|effective immediately|starting today|as of today|beginning today"
)

REOPEN = re.compile(
    r"恢复开放|恢复开馆|恢复服务|恢复借|重新开放|重新开馆|重新开启|有序开放|恢复|开放|开馆|复馆"
    r"|reopen\w*|re-open\w*|will open|opens? (?:again|to the public)|resum\w*|welcome (?:you |patrons )?back"
)
CLOSE = re.compile(
    r"闭馆|暂停开放|暂停|停止开放|停止服务|关闭|停馆|休馆"
    r"|clos\w*|suspend\w*|shut\w*"
)
_UNTIL = re.compile(r"(?:至|到|截至|截止|until|till|through|thru)\s*$")
_CLAUSE_END = re.compile(r"[。！？；;!?\n]|[，,、]\s*(?=\D)")


def _to_date(m: re.Match, published: datetime.date | None) -> datetime.date | None:
    g = m.groupdict()
    if g["zm"]:
        y, mo, d = g["zy"], g["zm"], g["zd"]
    elif g["im"]:
        y, mo, d = g["iy"], g["im"], g["id"]
    elif g["em"]:
        y, mo, d = g["ey"], MONTHS[g["em"]], g["ed"]
    else:
        y, mo, d = g["ey2"], MONTHS[g["em2"]], g["ed2"]
    if y is None:
        if published is None:
            return None
        y = published.year
    try:
        return datetime.date(int(y), int(mo), int(d))
    except ValueError:
        return None


def _kind(after: str, before: str, chinese: bool) -> str | None:
    """`close` or `reopen` from the nearest phrase on the side where the verb usually stands: after
    the date in Chinese ("3月2日起恢复开放"), before it in English ("will reopen on June 8")."""
    sides = ((after, True), (before, False)) if chinese else ((before, False), (after, True))
    for segment, pick_first in sides:
        found = [(m.start(), "reopen") for m in REOPEN.finditer(segment)]
        found += [(m.start(), "close") for m in CLOSE.finditer(segment)]
        # "恢复开放" also contains "开放"; "暂停开放" contains "开放": longest phrase at a place wins
        found = [f for f in found if not _inside_close(segment, f)]
        if found:
            found.sort()
            return (found[0] if pick_first else found[-1])[1]
    return None


def _inside_close(segment: str, hit: tuple[int, str]) -> bool:
    """A reopening word that is part of a closure phrase (暂停开放, 停止开放) is not a reopening."""
    pos, kind = hit
    if kind != "reopen":
        return False
    return any(m.start() < pos < m.end() for m in CLOSE.finditer(segment))


def extract_dates(text: str, published: datetime.date | None = None) -> dict:
    """{"closed_on": date | None, "reopens_on": date | None} read from the announcement's text.

    The first closure date and the first reopening date mentioned are returned.
    """
    folded = fold(text)
    result: dict[str, datetime.date | None] = {"closed_on": None, "reopens_on": None}
    marks = [(m.start(), m.end(), _to_date(m, published)) for m in _DATE.finditer(folded)]
    if published is not None:
        marks += [(m.start(), m.end(), published) for m in _NOW.finditer(folded)]
    marks.sort(key=lambda x: x[0])
    for i, (start, end, date) in enumerate(marks):
        if date is None:
            continue
        stop = marks[i + 1][0] if i + 1 < len(marks) else len(folded)
        tail = folded[end:stop]
        clause_end = _CLAUSE_END.search(tail)
        after = tail[: clause_end.start()] if clause_end else tail
        if not after.strip(" 起开始至到:：") and clause_end:  # "3月2日起，恢复开放": the next clause speaks
            nxt = _CLAUSE_END.search(tail, clause_end.end())
            after = tail[: nxt.start()] if nxt else tail
        chinese = bool(re.search(r"[\u4e00-\u9fff]", folded[max(0, start - 3) : end + 3]))
        head = folded[:start]
        cut = max(head.rfind(ch) for ch in ("。！？；;!?\n,，" if chinese else "。！？；;!?\n"))
        prev_end = marks[i - 1][1] if i else 0
        before = head[max(cut + 1, prev_end) :]
        kind = _kind(after[:40], before[-40:], chinese)
        if kind == "close" and _UNTIL.search(before):  # "闭馆至3月1日", "closed until June 8": an end, not a start
            kind = None
        key = {"close": "closed_on", "reopen": "reopens_on"}.get(kind)
        if key and result[key] is None:
            result[key] = date
    return result
