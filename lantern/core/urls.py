"""URLs of `core`: accounts under /accounts/, a library's home and staff pages under /<slug>/."""

from django.urls import path

from . import views

account_urls = [
    path("", views.account, name="account"),
    path("register/", views.register, name="register"),
    path("login/", views.SignInView.as_view(), name="login"),
    path("logout/", views.SignOutView.as_view(), name="logout"),
    path("tokens/", views.create_token, name="create_token"),
    path("tokens/<int:pk>/", views.token_created, name="token_created"),
    path("tokens/<int:pk>/revoke/", views.revoke_token, name="revoke_token"),
    path("notices/read/", views.read_notices, name="read_notices"),
    path("my-data/", views.export_data, name="export_data"),
    path("delete/", views.delete_account, name="delete_account"),
]

library_urls = [
    path("", views.library_home, name="library_home"),
    path("staff/", views.staff_home, name="staff_home"),
]
