"""Which help-directory facts are due for a re-check: `flask services stale --months 12`.

An entry is overdue when its `checked` date is missing or older than the limit.
Entries marked `needs_check` are listed too, with every field the file leaves
unconfirmed (hours, cost, a source's date), so the operator knows what to look up.
Only overdue entries make the command fail, so an operator's CI can run it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Due:
    """One thing to re-check: an entry (field None) or one of its fields."""

    service: str
    field: str | None
    reason: str
    overdue: bool

    def line(self) -> str:
        """Return the item as one line: status, where, and why."""
        where = f"{self.service} {self.field}" if self.field else self.service
        return f"{'OVERDUE' if self.overdue else 'check':<8}{where}: {self.reason}"


def start_of(value: str) -> date:
    """Return the earliest day a date like 2024, 2024-05 or 2024-05-31 can mean."""
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def months_between(earlier: date, later: date) -> int:
    """Return the whole months from one day to a later one."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - (1 if later.day < earlier.day else 0)


def unconfirmed_fields(service) -> list[tuple[str, str]]:
    """List (field, what is missing) for the facts an entry leaves out as not confirmed."""
    fields = [(f"phones[{i}].hours", f"no opening hours for {phone.number}")
              for i, phone in enumerate(service.phones) if phone.hours is None]
    if service.chat and service.chat.hours is None:
        fields.append(("chat.hours", "no chat hours"))
    if not service.cost:
        fields.append(("cost", "no call cost"))
    fields += [(f"sources[{i}].date", f"source {source.name or source.kind or i + 1} has no date")
               for i, source in enumerate(service.sources) if not source.date]
    return fields


def due_for_check(services, today: date, months: int) -> list[Due]:
    """Return every entry and field to re-check, in data-file order."""
    found = []
    for service in services:
        if service.checked is None:
            overdue, reason = True, "no checked date"
        else:
            age = months_between(start_of(service.checked), today)
            overdue = age >= months
            reason = (f"last checked {service.checked}, {age} months ago"
                      f"{f' (limit {months})' if overdue else ''}")
        if not (overdue or service.needs_check):
            continue
        if service.needs_check:
            reason += f"; needs_check: {service.check_note or 'no check_note says what'}"
        found.append(Due(service.id, None, reason, overdue))
        found += [Due(service.id, name, problem, overdue)
                  for name, problem in unconfirmed_fields(service)]
    return found
