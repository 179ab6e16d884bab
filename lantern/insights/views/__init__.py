"""Pages of `insights`, one module per part: a library's service records, the observatory's watch list and
studies, ingest, coding and agreement, and reports."""
