"""Exit statuses of the command line, and the one line an error gets on stderr.

0 success; 1 `search` found no match (like grep); 2 any error (unreadable or unusable input, bad options, unknown
comment id, output that cannot be written; one line on stderr, never a traceback); 130 interrupted; 141 standard
output closed early (`... | head`), as a program killed by SIGPIPE would.
"""

from __future__ import annotations

EXIT_OK, EXIT_NO_MATCH, EXIT_ERROR, EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 0, 1, 2, 130, 141
