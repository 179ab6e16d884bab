"""Staff pages of preparedness: emergency plans (versions, checklist, activations and drills, the PDF),
the prevention logs (cleaning, supplies, quarantine hours) and trainings with the competency matrix.

Every page is for the library's staff; writing plans, supplies, quarantine rules and trainings is for its
managers (and network coordinators). Everything works by plain form posts, without JavaScript.

Split by area (`plans`, `prevention`, `training`); the URLs use the names gathered here.
"""

from .common import preparedness
from .plans import (
    activation,
    activation_finish,
    activation_tick,
    drills,
    plan_activate,
    plan_create,
    plan_detail,
    plan_pdf_view,
    plan_step_add,
    plan_step_move,
    plan_step_remove,
    plan_version,
    plan_version_new,
    plans,
)
from .prevention import cleaning, quarantine, supplies, supply_edit, supply_stock
from .training import training_create, training_delete, training_edit, training_matrix, trainings

__all__ = [
    "activation",
    "activation_finish",
    "activation_tick",
    "cleaning",
    "drills",
    "plan_activate",
    "plan_create",
    "plan_detail",
    "plan_pdf_view",
    "plan_step_add",
    "plan_step_move",
    "plan_step_remove",
    "plan_version",
    "plan_version_new",
    "plans",
    "preparedness",
    "quarantine",
    "supplies",
    "supply_edit",
    "supply_stock",
    "training_create",
    "training_delete",
    "training_edit",
    "training_matrix",
    "trainings",
]
