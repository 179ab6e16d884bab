"""Signing up and signing in by phone or email: bad input is refused in the page's language and
creates nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from lantern.conftest import PASSWORD
from lantern.core.models import Card

User = get_user_model()


def post_registration(client, library, language="en", **overrides):
    data = {
        "identifier": "13812345678",
        "name": "Wang",
        "library": library.pk,
        "password1": "reading-in-2020",
        "password2": "reading-in-2020",
        **overrides,
    }
    return client.post(reverse("register"), data, HTTP_ACCEPT_LANGUAGE=language)


@pytest.mark.django_db
def test_reader_registers_with_a_local_mobile_number_and_gets_a_card(client, library_a):
    response = post_registration(client, library_a)
    assert response.status_code == 302
    user = User.objects.get()
    assert user.username == user.phone == "+8613812345678"
    assert Card.objects.get(reader=user).library == library_a
    assert user.language == "en"  # notices will reach them in the language they signed up in
    assert client.get(reverse("account")).status_code == 200  # signed in straight away


@pytest.mark.django_db
def test_reader_registers_with_an_email_stored_in_lower_case(client, library_a):
    post_registration(client, library_a, identifier="Wang.Fang@Example.ORG")
    assert User.objects.get().email == "wang.fang@example.org"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "identifier", "message"),
    [
        ("en", "1381234", "is not a valid phone number"),
        ("zh-hans", "1381234", "不是有效的电话号码"),
        ("en", "wang@@example", "is not a valid email address"),
        ("zh-hans", "wang@@example", "不是有效的电子邮箱地址"),
    ],
)
def test_malformed_identifier_is_refused_in_the_page_language(client, library_a, language, identifier, message):
    response = post_registration(client, library_a, language=language, identifier=identifier)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not User.objects.exists()
    assert not Card.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "password", "message"),
    [
        ("en", "password", "This password is too common."),
        ("zh-hans", "password", "这个密码太常见了。"),
        ("en", "83749261", "This password is entirely numeric."),
        ("en", "Ab1!", "This password is too short."),
        ("zh-hans", "Ab1!", "此密码太短"),
    ],
)
def test_weak_password_is_refused_in_the_page_language(client, library_a, language, password, message):
    response = post_registration(client, library_a, language=language, password1=password, password2=password)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_mismatched_passwords_create_nothing(client, library_a):
    response = post_registration(client, library_a, password2="something-else-2020")
    assert response.status_code == 400
    assert "The two passwords differ." in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_the_same_number_cannot_register_twice_in_any_spelling(client, library_a):
    post_registration(client, library_a, identifier="138 1234 5678")
    client.logout()
    response = post_registration(client, library_a, identifier="+86 13812345678")
    assert response.status_code == 400
    assert "already exists" in response.content.decode()
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_a_failed_registration_keeps_what_the_reader_typed(client, library_a):
    response = post_registration(client, library_a, identifier="1381234", name="王芳")
    assert 'value="王芳"' in response.content.decode()


@pytest.mark.django_db
def test_reader_signs_in_with_the_number_as_they_type_it(client, other_reader):
    response = client.post(reverse("login"), {"username": "139 0013 9000", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("account")).status_code == 200


@pytest.mark.django_db
def test_wrong_password_is_refused_with_a_message(client, reader):
    response = client.post(
        reverse("login"), {"username": "alice@example.org", "password": "nope"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "do not match an account" in response.content.decode()
    assert client.get(reverse("account")).status_code == 302


@pytest.mark.django_db
def test_repeated_failures_lock_the_account_even_for_the_right_password(client, reader, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "alice@example.org", "password": "wrong"})
    response = client.post(
        reverse("login"), {"username": "alice@example.org", "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 429
    assert "locked" in response.content.decode()
    assert client.get(reverse("account")).status_code == 302


@pytest.mark.django_db
def test_passwords_are_hashed_with_argon2(reader):
    assert reader.password.startswith("argon2")
