"""Shared by every family: networks and libraries (tenancy), people and roles, partners, audit log."""
