"""A cluster's public holidays, looked up once when its country is set and kept in its
program template: expected check-ins and default briefing slots move off them.

The country follows the cluster's timezone (the IANA zone table names each zone's country)
unless the chair sets another, or a region such as GB-SCT (Scotland's holidays differ from
England's), or none.
"""

import contextlib
from datetime import date
from importlib import resources

from domain.errors import ValidationError
from domain.text import quoted

YEARS_BEFORE, YEARS_AFTER = 2, 6  # around today: a program runs one to three years


def country_for(timezone: str) -> str:
    """The country code of an IANA timezone, e.g. GB for Europe/London; "" if unknown."""
    for line in _zone_table():
        fields = line.split("\t")
        if len(fields) >= 3 and not line.startswith("#") and fields[2] == timezone:
            return fields[0]
    return ""


def _zone_table() -> list[str]:
    with contextlib.suppress(ModuleNotFoundError, FileNotFoundError, OSError):
        return (resources.files("tzdata") / "zoneinfo" / "zone.tab").read_text().splitlines()
    with contextlib.suppress(OSError), open("/usr/share/zoneinfo/zone.tab", encoding="utf-8") as f:
        return f.read().splitlines()
    return []


def holidays_of(country: str, around: date) -> tuple[date, ...]:
    """The public holidays of a country ("GB") or region ("GB-SCT") in the years around
    `around`; () for "" (none). Refuses a country or region the holidays library lacks."""
    if not country:
        return ()
    import holidays  # a large package: loaded only when a cluster's country is set

    code, _, region = country.upper().partition("-")
    years = range(around.year - YEARS_BEFORE, around.year + YEARS_AFTER + 1)
    try:
        found = holidays.country_holidays(code, subdiv=region or None, years=years)
    except NotImplementedError:
        raise ValidationError(
            f"No public holidays are known for {quoted(country)}: give a country code such as GB, "
            "IE, US or AU (or a region, such as GB-SCT), or none."
        ) from None
    return tuple(sorted(found))
