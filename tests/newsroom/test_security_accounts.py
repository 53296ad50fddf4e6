"""The login's next=, and the password rules on the admin's password forms."""

import pytest
from django.test import Client

from tests.factories import make_editor

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"


@pytest.fixture
def editor():
    user = make_editor("editor")
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.mark.parametrize(
    "next_url", ["//evil.example", "https://evil.example/", "https://us\\@evil.example/", ""]
)
def test_an_unsafe_next_lands_on_the_admin_index(editor, next_url):
    response = Client().post(
        f"/admin/login/?next={next_url}", {"username": "editor", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_a_safe_next_is_followed(editor):
    response = Client().post(
        "/admin/login/?next=/admin/articles/article/",
        {"username": "editor", "password": PASSWORD},
    )
    assert response["Location"] == "/admin/articles/article/"


@pytest.mark.parametrize("weak", ["12345678", "password", "editor12", "a1b2c3"])
def test_the_admins_password_change_refuses_weak_passwords_in_korean(client, editor, weak):
    client.force_login(editor)
    response = client.post(
        "/admin/password_change/",
        {"old_password": PASSWORD, "new_password1": weak, "new_password2": weak},
    )
    assert response.status_code == 200  # the form again, with the error
    errors = " ".join(response.context["form"].errors["new_password2"])
    assert "비밀번호" in errors
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)


def test_setting_another_users_password_follows_the_same_rules(client, editor):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("chief", password=PASSWORD)
    client.force_login(admin)
    response = client.post(
        f"/admin/auth/user/{editor.pk}/password/",
        {"password1": "11111111", "password2": "11111111"},
    )
    assert response.status_code == 200
    assert "비밀번호" in " ".join(response.context["form"].errors["password2"])
