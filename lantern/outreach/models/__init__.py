"""The models of `outreach`, one module per part."""

from .donations import DonationCounter, DonationLine, IncomingDonation, OutgoingDonation
from .special import AccessibleService, Lesson
from .stations import Deposit, Station, StationRequest, UsageReport
from .volunteers import HoursEntry, Shift, ShiftSignup, Volunteer

__all__ = [
    "AccessibleService",
    "Deposit",
    "DonationCounter",
    "DonationLine",
    "HoursEntry",
    "IncomingDonation",
    "Lesson",
    "OutgoingDonation",
    "Shift",
    "ShiftSignup",
    "Station",
    "StationRequest",
    "UsageReport",
    "Volunteer",
]
