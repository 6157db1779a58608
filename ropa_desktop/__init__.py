"""ropa-desktop: an editor for GDPR art. 30 records of processing activities."""

__version__ = "0.1.0"
