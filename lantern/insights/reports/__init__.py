"""Reports of the service observatory: for a library, a network, a province or a study, over a window of
dates — counts and shares by category, feature and competency, a monthly timeline, records per library, and
the reopening timeline — counted in SQL over ServiceRecord, drawn as SVG (and PNG), exported as CSV, XLSX,
PDF and a REFI-QDA project.

    scope = resolve_scope("network", "demo")   # or "library"/"province"/"study"
    report = build_report(scope, start, end, coding="all")
"""

from .data import CODING, Report, build_report
from .scope import KINDS, Scope, check_may_see, may_see, resolve_scope

__all__ = ["CODING", "KINDS", "Report", "Scope", "build_report", "check_may_see", "may_see", "resolve_scope"]
