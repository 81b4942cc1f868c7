"""The Textual explorer: a thin layer over the core (tree view, detail pane, search, export dialog)."""

from .app import ThreadExplorerApp
from .launch import run_app

__all__ = ["ThreadExplorerApp", "run_app"]
