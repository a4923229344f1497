"""smallcrm: a local-first desktop CRM for small shops."""

__version__ = "0.1.0"
