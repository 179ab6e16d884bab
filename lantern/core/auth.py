"""Sign-in by phone number or email, whichever way the person types it."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError

from .identifiers import normalize_identifier


class EmailOrPhoneBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        try:
            _kind, identifier = normalize_identifier(username)
        except ValidationError:
            identifier = username.strip()  # staff accounts made in the admin may use a plain username
        User = get_user_model()
        try:
            user = User.objects.get(username__iexact=identifier)
        except User.DoesNotExist:
            User().set_password(password)  # same work as a real check, so timing reveals nothing
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
