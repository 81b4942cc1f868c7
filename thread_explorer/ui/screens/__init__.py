"""The explorer's screens: main view, loading progress, help, export dialog and a yes/no question."""

from .confirm import ConfirmScreen
from .explorer import ExplorerScreen
from .export import ExportDone, ExportScreen
from .help import HelpScreen
from .loading import LoadingScreen

__all__ = [
    "ConfirmScreen",
    "ExplorerScreen",
    "ExportDone",
    "ExportScreen",
    "HelpScreen",
    "LoadingScreen",
]
