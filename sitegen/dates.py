"""The build date: `--date`, else SOURCE_DATE_EPOCH (reproducible builds), else today."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


# Outside these, date arithmetic fails (a year before 0001-01-01) and no site makes sense.
EARLIEST = dt.date(1970, 1, 1)  # SOURCE_DATE_EPOCH=0
LATEST = dt.date(2999, 12, 31)


class DateProblem(ValueError):
    pass


def _sensible(day: dt.date, source: str) -> dt.date:
    if not EARLIEST <= day <= LATEST:
        raise DateProblem(f"{source} is {day}, outside the build dates sitegen accepts ({EARLIEST} to {LATEST})")
    return day


def build_date(option: str | None, environ: Mapping[str, str], today: dt.date | None = None) -> dt.date:
    if option:
        try:
            if not _DATE.fullmatch(option):  # fromisoformat also takes 20261201 and week dates
                raise ValueError(option)
            day = dt.date.fromisoformat(option)
        except ValueError:
            raise DateProblem(f"--date: '{option}' is not a date in the form YYYY-MM-DD") from None
        return _sensible(day, "--date")
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not (epoch.isascii() and epoch.isdigit()):  # str.isdigit alone takes '²' and other scripts' digits
            raise DateProblem(f"SOURCE_DATE_EPOCH: '{epoch}' is not a number of seconds")
        try:
            day = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
        except (OverflowError, OSError, ValueError):  # beyond time_t, or after the year 9999
            raise DateProblem(f"SOURCE_DATE_EPOCH: '{epoch}' seconds is not a date sitegen can use") from None
        return _sensible(day, f"SOURCE_DATE_EPOCH: '{epoch}' seconds")
    return today or dt.date.today()


def one_year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)
