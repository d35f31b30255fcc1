"""nanyi-desk: plays YAML briefing decks as a presentation, a kiosk or a presenter console."""

__version__ = "0.1.0"
