"""API of decision-support briefs: none, on purpose. Briefs are seen by the library's staff only (in pages,
with their PDF); an API would be one more door to guard for no reader's benefit, so this router stays
empty. A finalised brief shows in the library's service records (api: library records) by its title only."""

from ninja import Router

router = Router()
