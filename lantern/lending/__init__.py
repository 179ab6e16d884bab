"""Contactless lending: orders for home delivery or pickup, fulfilment, loans, returns and quarantine."""
