"""Baoku (报库): full-text search for Chinese newspaper archives."""

from . import storage

storage.install()  # segment files read through their mmap, not copied per reader
