"""The one slide renderer: paints a slide onto any QPaintDevice (widget, QImage, PDF).

QtGui only (no widgets); charts come from `nanyi_desk.charts` as pixel buffers.
"""
