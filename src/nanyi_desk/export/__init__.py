"""Exports through the one renderer: PNG now, PDF handouts later."""
