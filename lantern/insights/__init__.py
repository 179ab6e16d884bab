"""Measurement: the study's taxonomy, the ServiceRecord every activity leaves, and what reads them."""
