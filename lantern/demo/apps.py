"""App configuration for the demo loader."""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "lantern.demo"
    label = "demo"
