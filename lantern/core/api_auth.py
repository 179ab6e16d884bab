"""API authentication: the site's session (with CSRF) for the browser, bearer tokens for integrations."""

from ninja.security import HttpBearer, SessionAuth

from .services import user_for_api_key


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = user_for_api_key(token)
        if user is not None:
            request.user = user
        return user


class SignedInSession(SessionAuth):
    """Session auth that returns the user (ninja's default returns None for anonymous)."""

    def authenticate(self, request, key):
        user = request.user
        return user if user.is_authenticated else None


signed_in = [TokenAuth(), SignedInSession()]
