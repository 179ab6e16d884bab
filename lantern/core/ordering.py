"""Moving one row up or down a list that staff order by hand (list entries, plan steps, exhibition sections,
quiz questions...): every such list keeps a `position` field and renumbers it on each move, so that
positions never collide and gaps left by removals close."""

DIRECTIONS = ("up", "down")


def swap_with_neighbour(siblings, moved, direction: str, *, start: int = 1) -> bool:
    """Swap `moved` with its neighbour above ("up") or below ("down") among `siblings` (in their current
    order; lock them first where moves may race) and number them `start`, `start + 1`, ... in the database.
    Returns False when `moved` is already at that end (nothing swapped; the numbering is still made whole).
    `direction` must be one of DIRECTIONS: callers check it first, with their own message."""
    ordered = list(siblings)
    index = next(i for i, sibling in enumerate(ordered) if sibling.pk == moved.pk)
    other = index - 1 if direction == "up" else index + 1
    swapped = 0 <= other < len(ordered)
    if swapped:
        ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, sibling in enumerate(ordered, start=start):
        if sibling.position != position:
            type(sibling).objects.filter(pk=sibling.pk).update(position=position)
            sibling.position = position
    return swapped
