"""Widgets of the practice screen, one per module."""
