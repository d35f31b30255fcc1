"""Exports through the one renderer: PNG images, and PDF handouts (`pdf`)."""
