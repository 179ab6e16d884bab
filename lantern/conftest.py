"""The named people every test can use: a reader, librarians of libraries A and B, a manager, a
coordinator of the network both belong to. Built per test through pytest fixtures."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import translation

from lantern.core import services, sms
from lantern.core.models import Library, Network, Role
from lantern.tests.browser import browser, phone_page  # noqa: F401  (fixtures, defined once for every app)

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(autouse=True)
def english_unless_asked(settings):
    """Tests read messages in English unless they ask for a language (Accept-Language, override).

    The site's own default stays Chinese; tests of that default set LANGUAGE_CODE back explicitly.
    """
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def search_index_emptied_after_flush(request, django_db_blocker):
    """A test that commits (a live server's) ends with Django's flush, which empties the tables Django manages
    but not the search index: the next test would find that test's records, in libraries that no longer
    exist. Deleting records does not leave them behind (catalogue.signals); only the flush does."""
    yield
    marker = request.node.get_closest_marker("django_db")
    committed = {"transactional_db", "live_server"} & set(request.fixturenames) or (
        marker is not None and marker.kwargs.get("transaction")
    )
    if committed:
        from lantern.catalogue import search

        with django_db_blocker.unblock(), connection.cursor() as cursor:
            search.backend().clear(cursor)


@pytest.fixture(autouse=True)
def send_at_once(monkeypatch):
    """Emails and texts go at once: a test's transaction is rolled back, never committed."""
    monkeypatch.setattr(services, "after_commit", lambda callback: callback())


@pytest.fixture(autouse=True)
def archive_root(settings, tmp_path):
    """The archive's files (originals, web copies) of each test go to its own folder, never var/archive."""
    settings.LANTERN_ARCHIVE_ROOT = tmp_path / "archive"
    return settings.LANTERN_ARCHIVE_ROOT


@pytest.fixture(autouse=True)
def sms_outbox(settings):
    """Text messages go to `lantern.core.sms.outbox`, emptied for every test; the fixture is that list."""
    settings.LANTERN_SMS_BACKEND = "lantern.core.sms.MemoryBackend"
    sms.outbox.clear()
    return sms.outbox


@pytest.fixture
def chinese(settings):
    """For a test that reads the site as a reader who asks for nothing: in Chinese, the shipped default."""
    settings.LANGUAGE_CODE = "zh-hans"
    with translation.override("zh-hans"):
        yield


def make_user(username: str, name: str, **extra):
    user = get_user_model()(username=username, name=name, email=username if "@" in username else None, **extra)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def network(db):
    return Network.objects.create(slug="net", name_zh_hans="测试联盟", name_en="Test Network")


@pytest.fixture
def library_a(network):
    return Library.objects.create(
        slug="alpha",
        name_zh_hans="甲市图书馆",
        name_en="Alpha City Library",
        province="湖北省",
        city="甲市",
        network=network,
        phone="027-1234",
        email="alpha@library.example.org",
    )


@pytest.fixture
def library_b(network):
    return Library.objects.create(
        slug="beta",
        name_zh_hans="乙市图书馆",
        name_en="Beta City Library",
        province="浙江省",
        city="乙市",
        network=network,
    )


@pytest.fixture
def reader(library_a):
    user = make_user("alice@example.org", "Alice")
    services.issue_card(user, library_a)
    return user


@pytest.fixture
def other_reader(library_a):
    user = make_user("+8613900139000", "Olga", phone="+8613900139000")
    services.issue_card(user, library_a)
    return user


@pytest.fixture
def librarian_a(library_a):
    user = make_user("bob@example.org", "Bob")
    services.grant_role(user, Role.Kind.STAFF, library=library_a)
    return user


@pytest.fixture
def manager_a(library_a):
    user = make_user("mia@example.org", "Mia")
    services.grant_role(user, Role.Kind.MANAGER, library=library_a)
    return user


@pytest.fixture
def librarian_b(library_b):
    user = make_user("charlie@example.org", "Charlie")
    services.grant_role(user, Role.Kind.STAFF, library=library_b)
    return user


@pytest.fixture
def coordinator(network):
    user = make_user("cora@example.org", "Cora")
    services.grant_role(user, Role.Kind.COORDINATOR, network=network)
    return user


@pytest.fixture
def client_as(client):
    """`client_as(user)`: the test client, signed in as `user`."""

    def sign_in(user):
        client.force_login(user, backend="lantern.core.auth.EmailOrPhoneBackend")
        return client

    return sign_in
