"""thread_explorer: rebuild, explore and export comment threads from flattened pages and thread dumps."""

__version__ = "0.1.0"
