"""Baoku (报库): full-text search for Chinese newspaper archives."""
