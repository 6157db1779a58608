"""Pictures of a register: the overview dashboard and the data map, Qt-free.

The figures and the map's layout are computed here once, so the editor, the
``ropa map`` / ``ropa dashboard`` commands and the board PDF draw the same
picture; :mod:`.svg` and :mod:`.png` are the renderers that need no Qt.
"""
