"""Lantern: keeps a public library serving when its doors are closed, and counts what it did."""
