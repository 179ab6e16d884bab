"""Everything that changes a library's preparedness: emergency plans (versions, checklists, activations and
drills), the prevention logs (cleaning, supplies, material quarantine) and staff trainings.

Each function validates first (raising ValidationError keyed by form field, in the active language), then
writes in one transaction with an audit entry. Nothing here holds data about individual readers.

Who may call what is decided by the views: any staff member of the library logs cleaning, moves stock and
runs activations; managers (and network coordinators) write plans, supplies, quarantine rules and trainings.

The work is split by area: `plans`, `prevention`, `training`; this package offers all of it under one name.
"""

from .common import QUARANTINE_MAX_HOURS, SECTIONS, library_staff
from .plans import (
    add_checklist_item,
    change_notes,
    changed_sections,
    create_plan,
    current_version,
    finish_activation,
    move_checklist_item,
    plans_due_for_review,
    remove_checklist_item,
    review_state,
    send_review_reminders,
    start_activation,
    tick_item,
    untick_item,
    write_version,
)
from .prevention import (
    add_supply,
    change_stock,
    log_cleaning,
    quarantine_hours,
    quarantine_table,
    recent_areas,
    set_quarantine_hours,
    update_supply,
)
from .training import attendee_choices, competency_matrix, delete_training, record_training, update_training

__all__ = [
    "QUARANTINE_MAX_HOURS",
    "SECTIONS",
    "add_checklist_item",
    "add_supply",
    "attendee_choices",
    "change_notes",
    "change_stock",
    "changed_sections",
    "competency_matrix",
    "create_plan",
    "current_version",
    "delete_training",
    "finish_activation",
    "library_staff",
    "log_cleaning",
    "move_checklist_item",
    "plans_due_for_review",
    "quarantine_hours",
    "quarantine_table",
    "recent_areas",
    "record_training",
    "remove_checklist_item",
    "review_state",
    "send_review_reminders",
    "set_quarantine_hours",
    "start_activation",
    "tick_item",
    "untick_item",
    "update_supply",
    "update_training",
    "write_version",
]
