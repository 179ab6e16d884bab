"""What other apps add to a person's data export and to deleting an account, so that `core` never imports them.

An app registers once, from its AppConfig.ready(): `register_export("lending", export_lending_data)`;
`services.export_personal_data` then adds `{"lending": export_lending_data(user)}` to every export.
"""

from collections.abc import Callable

_sections: dict[str, Callable] = {}
_deletion_checks: list[Callable] = []


def register_export(key: str, fn: Callable) -> None:
    """Add the section `key` (a function of the user returning plain, JSON-ready data) to every export."""
    _sections[key] = fn


def registered_sections(user) -> dict:
    return {key: fn(user) for key, fn in _sections.items()}


def register_deletion_check(fn: Callable) -> None:
    """Add a check run before an account is deleted: a function of the user returning why it cannot be deleted
    yet (e.g. books still on loan), in the active language, or "" when nothing stands in the way."""
    if fn not in _deletion_checks:
        _deletion_checks.append(fn)


def reasons_not_to_delete(user) -> list[str]:
    return [reason for reason in (check(user) for check in _deletion_checks) if reason]
