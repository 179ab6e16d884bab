"""Catalogue search (being written): index_records, delete_records, reindex, search."""


def index_records(records) -> None:
    """Placeholder until the search module lands: indexes nothing."""


def delete_records(record_ids) -> None:
    """Placeholder until the search module lands."""
