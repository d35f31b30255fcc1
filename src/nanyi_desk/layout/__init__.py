"""Geometry without a screen: rectangles, letterboxing, grids and tile plans in plain Python.

Qt-free, so the shapes of slides and panels test without a QApplication; the renderer and
the widgets convert to QRectF at their edge.
"""
