"""Bridges to other engines, each importing its library only when used: `datatrove` (ThreadExtractor, a
pipeline step). The per-page function they share is `thread_explorer.extract.threads_of`."""
