"""Sections other apps add to a person's data export, so that `core` never imports them.

An app registers once, from its AppConfig.ready(): `register_export("lending", export_lending_data)`;
`services.export_personal_data` then adds `{"lending": export_lending_data(user)}` to every export.
"""

from collections.abc import Callable

_sections: dict[str, Callable] = {}


def register_export(key: str, fn: Callable) -> None:
    """Add the section `key` (a function of the user returning plain, JSON-ready data) to every export."""
    _sections[key] = fn


def registered_sections(user) -> dict:
    return {key: fn(user) for key, fn in _sections.items()}
