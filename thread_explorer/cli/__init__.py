"""The command line: `main` runs `thread-explorer ARGS`; one module per command, argument helpers in `args`,
output in `output`, exit statuses in `status`, the scan progress bar in `progress`."""

from .main import main, run

__all__ = ["main", "run"]
