"""`Refused`: the one error every app's services raise when they say no to a person, and why."""

from django.core.exceptions import ValidationError


class Refused(ValidationError):
    """A refusal a reader or a librarian can act on. `reason` is stable for the API, `status` its HTTP code."""

    def __init__(self, message, reason: str, status: int = 422):
        super().__init__(message, code=reason)
        self.reason = reason
        self.status = status

    def __str__(self) -> str:
        return self.messages[0]
