"""Plain-Python playback logic: where the talk is, and what a key means. No Qt."""
