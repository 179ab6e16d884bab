"""Keeps the search index free of deleted records, however they were deleted (a library's cascade too)."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from . import search
from .models import Record


@receiver(post_delete, sender=Record)
def forget_deleted_record(sender, instance, **kwargs):
    search.delete_records([instance.pk])
