"""Reads an iCalendar file with two parsers kith did not write, icalendar and vobject,
and prints as JSON what each decoded: the calendar's properties and, per event, the
values kith's tests compare with what they wrote, plus every complaint the parser had.

Usage: read_ics.py FILE. Run by tests/it/ics_parsers.rs with the venv that
`cargo xtask test` makes.
"""

import datetime
import json
import sys

import icalendar
import vobject

EVENT_TEXT = ["UID", "SUMMARY", "DESCRIPTION", "LOCATION", "URL", "TRANSP"]
CALENDAR_TEXT = ["PRODID", "VERSION", "CALSCALE", "METHOD", "X-WR-CALNAME"]


def when(value):
    """'date:YYYY-MM-DD' for a DATE, 'date-time:ISO' for a DATE-TIME: the tests tell
    all-day entries from timed ones by this prefix."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return "date-time:" + value.isoformat()
    if isinstance(value, datetime.date):
        return "date:" + value.isoformat()
    return "unexpected:" + repr(value)


def with_icalendar(data):
    # icalendar keeps the value of a property it has no type for verbatim, escapes and
    # all. RFC 5545 (3.8.8.2) makes TEXT the default type of X- properties, so it is
    # told so for the one kith writes.
    icalendar.Calendar.types_factory.types_map["X-WR-CALNAME"] = "text"
    calendar = icalendar.Calendar.from_ical(data)
    errors = [str(e) for e in calendar.errors]

    def text(component, name):
        value = component.get(name)
        return None if value is None else str(value)

    events = []
    for event in calendar.walk("VEVENT"):
        errors.extend(str(e) for e in event.errors)
        found = {name.lower(): text(event, name) for name in EVENT_TEXT}
        categories = event.get("CATEGORIES")
        if categories is None:
            found["categories"] = None
        else:
            lists = categories if isinstance(categories, list) else [categories]
            found["categories"] = [str(c) for cats in lists for c in cats.cats]
        for name in ["DTSTART", "DTEND", "DTSTAMP"]:
            found[name.lower()] = when(event.decoded(name, None))
        events.append(found)
    return {
        "calendar": {name.lower(): text(calendar, name) for name in CALENDAR_TEXT},
        "events": events,
        "errors": errors,
    }


def with_vobject(text):
    # validate=True applies vobject's own checks of required properties.
    calendar = vobject.readOne(text, validate=True)

    def one(component, name):
        found = component.contents.get(name.lower(), [])
        if len(found) > 1:
            raise ValueError(f"{name} appears {len(found)} times")
        return found[0].value if found else None

    events = []
    for event in calendar.contents.get("vevent", []):
        found = {name.lower(): one(event, name) for name in EVENT_TEXT}
        categories = event.contents.get("categories")
        found["categories"] = (
            None if categories is None else [c for line in categories for c in line.value]
        )
        for name in ["DTSTART", "DTEND", "DTSTAMP"]:
            found[name.lower()] = when(one(event, name))
        events.append(found)
    return {
        "calendar": {name.lower(): one(calendar, name) for name in CALENDAR_TEXT},
        "events": events,
        "errors": [],
    }


def main():
    with open(sys.argv[1], "rb") as file:
        data = file.read()
    report = {
        "icalendar": with_icalendar(data),
        "vobject": with_vobject(data.decode("utf-8")),
    }
    # ASCII only: the bytes reach the test the same whatever the locale.
    json.dump(report, sys.stdout, ensure_ascii=True, indent=1)


if __name__ == "__main__":
    main()
