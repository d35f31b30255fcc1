"""The Qt widgets: player window, slide view. Thin: decisions live in playback/."""
