"""TIMEX3 values of temporal expressions, resolved against an anchor date at their own granularity.

One implementation serves ``natokg ingest`` (times in new articles) and the background dates of
the shipped article (issue 11). An expression resolves to what it says, TimeML TIMEX3 style
(Pustejovsky et al., *TimeML Annotation Guidelines* 1.2.1, §2.2): "last year" is a year
(``2025``), "in December" a month (``2025-12``), "this week" an ISO 8601 week (``2026-W07``),
"this summer" a season (``2026-SU``), "the 1940s" a decade (``194``), "now" the reference
``PRESENT_REF``; durations are ``P…`` values (``P3Y``; ``PXDE`` for an unspecified number of
decades). Calendar arithmetic is :mod:`datetime` and :mod:`dateutil.relativedelta`.

Rules for expressions that name part of a calendar without its year (TARSQI/GUTime convention,
Verhagen et al. 2005):

* a **weekday** is the anchor day itself when the anchor falls on it; otherwise the nearest such
  day before the anchor, or after it when ``tense="future"``;
* a **month** or **month and day** without a year is the nearest such month or day to the anchor
  (before it on a tie); ``tense="past"`` forces the latest one on or before the anchor,
  ``tense="future"`` the first one on or after it.

Pure functions of the text and the anchor; no NLP. Words that are not a temporal expression this
module knows give ``value=None`` (never a guess), as does a relative expression without an anchor.

>>> from datetime import date
>>> resolve("last year", date(2026, 2, 12)).value
'2025'
>>> resolve("in December", date(2026, 2, 12), tense="past").value
'2025-12'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

#: The tenses :func:`resolve` understands; ``None`` is "not known".
TENSES = ("past", "present", "future", "generic")

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    name: number
    for number, name in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
}
#: TIMEX3 season codes (TimeML 1.2.1): spring, summer, fall, winter.
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
#: The month each season starts in (northern hemisphere, meteorological seasons).
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
NUMBER_WORDS = {
    word: number
    for number, word in enumerate(
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
    )
}
#: Duration units: ISO 8601 designators, with TimeML's DE (decade) and CE (century).
_UNITS = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "DE", "century": "CE"}
#: TIMEX3 ``mod`` values of leading modifiers ("the late 1940s" -> END).
_MODS = {"early": "START", "late": "END", "mid": "MID", "by": "ON_OR_BEFORE", "before": "BEFORE", "after": "AFTER"}

_REFS = {
    "now": "PRESENT_REF",
    "right now": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "at present": "PRESENT_REF",
    "at the moment": "PRESENT_REF",
    "presently": "PRESENT_REF",
    "recently": "PAST_REF",
    "in the past": "PAST_REF",
    "previously": "PAST_REF",
    "formerly": "PAST_REF",
    "in recent years": "PAST_REF",
    "in the future": "FUTURE_REF",
    "soon": "FUTURE_REF",
    "in the coming years": "FUTURE_REF",
    "in the years ahead": "FUTURE_REF",
    "in the near future": "FUTURE_REF",
}

# Prepositions that introduce a time but are not part of its value ("on Thursday", "in 2035").
_LEADING = re.compile(r"^(?:on|in|at|during|since|until|from|of|for)\s+", re.I)


@dataclass(frozen=True)
class Resolution:
    """A TIMEX3 value and how it was found.

    ``value`` is ``None`` when the expression could not be resolved; ``type`` is ``DATE``,
    ``TIME``, ``DURATION`` or ``SET``; ``method`` names the rule (e.g. ``"weekday"``);
    ``anchor`` is the date the value depends on (``None`` for an absolute value); ``mod`` is a
    TIMEX3 modifier (``START``, ``MID``, ``END``, ``ON_OR_BEFORE`` …); ``end`` is the last day of
    a range such as "June 24-26".

    >>> Resolution("2025", "DATE", "year-relative", date(2026, 2, 12)).value
    '2025'
    """

    value: str | None
    type: str = "DATE"
    method: str = "unresolved"
    anchor: date | None = None
    mod: str | None = None
    end: str | None = None


def _day(value: date) -> str:
    return value.isoformat()


def _week(value: date) -> str:
    year, week, _ = value.isocalendar()
    return f"{year}-W{week:02d}"


def _month(value: date) -> str:
    return f"{value.year:04d}-{value.month:02d}"


def _nearest(candidates: list[date], anchor: date, tense: str | None) -> date:
    """The candidate the tense rule picks: latest on/before (past), first on/after (future), else nearest."""
    before = [c for c in candidates if c <= anchor]
    after = [c for c in candidates if c >= anchor]
    if tense == "past" and before:
        return max(before)
    if tense == "future" and after:
        return min(after)
    return min(candidates, key=lambda c: (abs((c - anchor).days), c > anchor))


def _month_day(month: int, day: int | None, anchor: date, tense: str | None) -> date | None:
    """The month (day 1 when ``day`` is None) in the year before, of, or after the anchor that the rule picks."""
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(date(year, month, day or 1))
        except ValueError:  # 29 February in a common year
            continue
    if not candidates:
        return None
    if day is None:  # compare months, not first days: "in February" said on 12 February is this month
        reference = anchor.replace(day=1)
        return _nearest(candidates, reference, tense)
    return _nearest(candidates, anchor, tense)


def _relative(unit: str, offset: int, anchor: date) -> str:
    if unit == "day":
        return _day(anchor + timedelta(days=offset))
    if unit == "week":
        return _week(anchor + timedelta(weeks=offset))
    if unit == "month":
        return _month(anchor + relativedelta(months=offset))
    if unit == "year":
        return f"{anchor.year + offset:04d}"
    if unit == "weekend":
        return _week(anchor + timedelta(weeks=offset)) + "-WE"
    raise ValueError(unit)


def _season(code: str, which: str, anchor: date) -> str:
    """ "this/last/next summer": the season of the anchor's year, the one before it, or the one after."""
    year = anchor.year
    started = anchor.month >= _SEASON_START[code]
    if which == "last":
        year = year if started and code != "WI" else year - 1
    elif which == "next":
        year = year + 1 if started else year
    return f"{year:04d}-{code}"


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


_DAY_RE = r"(\d{1,2})(?:st|nd|rd|th)?"
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_RANGE_RE = re.compile(rf"^({_MONTH_RE})\.?\s+{_DAY_RE}\s*[-–]\s*{_DAY_RE}(?:,?\s+(\d{{4}}))?$")
_MDY_RE = re.compile(rf"^({_MONTH_RE})\.?\s+{_DAY_RE}(?:,?\s+(\d{{4}}))?$")
_DMY_RE = re.compile(rf"^{_DAY_RE}\s+({_MONTH_RE})\.?(?:,?\s+(\d{{4}}))?$")
_MY_RE = re.compile(rf"^({_MONTH_RE})\.?(?:,?\s+(?:of\s+)?(\d{{4}}))?$")
_ISO_RE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
_YEAR_RE = re.compile(r"^(\d{4})$")
_DECADE_RE = re.compile(r"^(?:the\s+)?(?:(early|mid|late)[-\s]+)?(\d{3})0s$")
_CENTURY_RE = re.compile(r"^(?:the\s+)?(?:(early|mid|late)[-\s]+)?(\d{1,2})(?:st|nd|rd|th)\s+century$")
_RELATIVE_RE = re.compile(
    r"^(?:(later|earlier)\s+)?(last|this|next|coming|past|current)\s+(day|week|weekend|month|year)$"
)
_SEASON_RE = re.compile(r"^(?:(later|earlier)\s+)?(last|this|next|coming|past)\s+(spring|summer|autumn|fall|winter)$")
_AGO_RE = re.compile(r"^(\w+)\s+(day|week|month|year)s?\s+ago$")
_DURATION_RE = re.compile(
    r"^(?:for\s+|in\s+|over\s+|the\s+(?:past|last)\s+)?(\w+)\s+(day|week|month|year|decade|centur)(?:s|ies|y)?$"
)
_VAGUE_DURATION_RE = re.compile(r"^(?:for\s+|in\s+|over\s+)?(days|weeks|months|years|decades|centuries)$")


def resolve(expression: str, anchor: date | None, *, tense: str | None = None) -> Resolution:
    """The TIMEX3 value of ``expression`` (the words as written) against ``anchor``.

    ``anchor`` is the reference date (an article's publication date), ``None`` when unknown:
    then only absolute expressions ("June 24, 2025", "1951", "the 1940s") get a value.
    ``tense`` (``"past"``, ``"present"``, ``"future"`` or ``None``) is the tense of the clause
    the expression modifies; it decides between the previous and the next weekday, month or
    season (see the module docstring); ``"generic"`` marks a generic present ("the challenges we
    face today"), where "today" means "nowadays" and is ``PRESENT_REF``. Raises ValueError for any
    other ``tense``.

    >>> anchor = date(2026, 2, 12)  # a Thursday, ISO week 7
    >>> [resolve(e, anchor).value for e in ("Thursday", "today", "this week", "this summer")]
    ['2026-02-12', '2026-02-12', '2026-W07', '2026-SU']
    >>> found = resolve("June 24-26", date(2025, 6, 5))
    >>> found.value, found.end, found.method
    ('2025-06-24', '2025-06-26', 'month-day-range')
    >>> resolve("the late 1940s", None).value, resolve("for decades", None).value
    ('194', 'PXDE')
    >>> resolve("the other day", anchor).value is None
    True
    >>> resolve("today", anchor, tense="generic").value
    'PRESENT_REF'
    """
    if tense not in (None, *TENSES):
        raise ValueError(f"tense must be one of {TENSES} or None, not {tense!r}")
    text = " ".join(expression.lower().replace("’", "'").split()).strip(" .,;:")
    text = re.sub(r"'s$", "", text)
    if text in _REFS:
        return Resolution(_REFS[text], "DATE", "reference", anchor)
    found = _vague_duration(text) or _absolute(text)
    if found is not None:
        return found
    mod = None
    first, _, rest = text.partition(" ")
    if first in ("by", "before", "after") and rest:
        mod, text = _MODS[first], rest
    text = _LEADING.sub("", text)
    found = _absolute(text)
    if found is None and anchor is not None:
        found = _anchored(text, anchor, tense)
    if found is None:
        return Resolution(None, "DATE", "unresolved", anchor)
    if mod is not None and found.mod is None:
        found = Resolution(found.value, found.type, found.method, found.anchor, mod, found.end)
    return found


def _vague_duration(text: str) -> Resolution | None:
    if (match := _VAGUE_DURATION_RE.match(text)) is not None:
        unit = _UNITS[match.group(1).rstrip("s").replace("centurie", "century")]
        return Resolution(f"PX{unit}", "DURATION", "duration-unspecified")
    if text.startswith(("for ", "over ", "the past ", "the last ")) or not text.startswith("in "):
        match = _DURATION_RE.match(text)
        if match is not None and (count := _number(match.group(1))) is not None:
            unit = _UNITS["century" if match.group(2) == "centur" else match.group(2)]
            return Resolution(f"P{count}{unit}", "DURATION", "duration")
    return None


def _absolute(text: str) -> Resolution | None:
    """Expressions that carry their own year, or none is needed (decades, centuries)."""
    if (match := _RANGE_RE.match(text)) and match.group(4):
        month, first, last, year = MONTHS[match.group(1)], int(match.group(2)), int(match.group(3)), int(match.group(4))
        try:
            return Resolution(
                _day(date(year, month, first)), "DATE", "month-day-range", end=_day(date(year, month, last))
            )
        except ValueError:
            return None
    for pattern, order in ((_MDY_RE, "md"), (_DMY_RE, "dm")):
        match = pattern.match(text)
        if match and match.group(3):
            month_word, day = (match.group(1), match.group(2)) if order == "md" else (match.group(2), match.group(1))
            try:
                return Resolution(_day(date(int(match.group(3)), MONTHS[month_word], int(day))), "DATE", "absolute")
            except ValueError:
                return None
    if (match := _MY_RE.match(text)) and match.group(2):
        return Resolution(f"{int(match.group(2)):04d}-{MONTHS[match.group(1)]:02d}", "DATE", "absolute")
    if match := _ISO_RE.match(text):
        try:
            day = date(int(match.group(1)), int(match.group(2)), int(match.group(3) or 1))
        except ValueError:
            return None
        return Resolution(_day(day) if match.group(3) else _month(day), "DATE", "absolute")
    if match := _YEAR_RE.match(text):
        return Resolution(match.group(1), "DATE", "absolute")
    if match := _DECADE_RE.match(text):
        return Resolution(match.group(2), "DATE", "decade", mod=_MODS.get(match.group(1) or ""))
    if match := _CENTURY_RE.match(text):
        return Resolution(f"{int(match.group(2)) - 1:02d}", "DATE", "century", mod=_MODS.get(match.group(1) or ""))
    return None


def _anchored(text: str, anchor: date, tense: str | None) -> Resolution | None:
    """Expressions whose value depends on the anchor date."""
    deictic = {
        "today": 0,
        "tonight": 0,
        "this morning": 0,
        "this afternoon": 0,
        "this evening": 0,
        "yesterday": -1,
        "tomorrow": 1,
    }
    if text == "today" and tense == "generic":
        # "the challenges we face today": today as "nowadays" (TimeML 1.2.1 §2.2.1.2, PRESENT_REF)
        return Resolution("PRESENT_REF", "DATE", "generic-present", anchor)
    if text in deictic:
        return Resolution(_day(anchor + timedelta(days=deictic[text])), "DATE", "deictic-day", anchor)
    if text in WEEKDAYS:
        offset = (WEEKDAYS[text] - anchor.weekday()) % 7  # days forward to that weekday, 0 on the day
        if offset and tense != "future":
            offset -= 7
        return Resolution(_day(anchor + timedelta(days=offset)), "DATE", "weekday", anchor)
    if match := _RELATIVE_RE.match(text):
        which, unit = match.group(2), match.group(3)
        offset = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(which, 0)
        return Resolution(_relative(unit, offset, anchor), "DATE", f"{unit}-relative", anchor)
    if match := _SEASON_RE.match(text):
        which = {"past": "last", "coming": "next"}.get(match.group(2), match.group(2))
        return Resolution(_season(SEASONS[match.group(3)], which, anchor), "DATE", "season", anchor)
    if match := _AGO_RE.match(text):
        count = _number(match.group(1)) if match.group(1) not in ("a", "one") else 1
        if count is None:
            return None
        shifted = anchor - relativedelta(**{f"{match.group(2)}s": count})
        granular = {"day": _day, "week": _week, "month": _month, "year": lambda d: f"{d.year:04d}"}[match.group(2)]
        return Resolution(granular(shifted), "DATE", "ago", anchor)
    if match := _RANGE_RE.match(text):
        month, first, last = MONTHS[match.group(1)], int(match.group(2)), int(match.group(3))
        start = _month_day(month, first, anchor, tense)
        if start is None:
            return None
        try:
            end = start.replace(day=last)
        except ValueError:
            return None
        return Resolution(_day(start), "DATE", "month-day-range", anchor, end=_day(end))
    if match := _MDY_RE.match(text):
        found = _month_day(MONTHS[match.group(1)], int(match.group(2)), anchor, tense)
        return None if found is None else Resolution(_day(found), "DATE", "month-day", anchor)
    if match := _DMY_RE.match(text):
        found = _month_day(MONTHS[match.group(2)], int(match.group(1)), anchor, tense)
        return None if found is None else Resolution(_day(found), "DATE", "month-day", anchor)
    if match := _MY_RE.match(text):
        found = _month_day(MONTHS[match.group(1)], None, anchor, tense)
        return None if found is None else Resolution(_month(found), "DATE", "month", anchor)
    return None
