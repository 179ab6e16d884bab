"""Outreach and social service: reading stations in shelters, hospitals and quarantine hotels, donations in
and out, volunteers and their hours, and services for special groups."""
