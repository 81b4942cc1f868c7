"""Corpus-scale extraction: the comment threads of many dataset shards, as JSON Lines or Parquet.

`threads_of(record)` is the pure per-page function (picklable, no state: map it with Dask, Ray or Spark);
`extract_shard` runs one shard into its output file atomically and `run_jobs` runs many on worker processes.
`thread-explorer extract` and the datatrove step (`thread_explorer.integrations.datatrove`) are built on them.
No Textual here: this package is as pure as the core.
"""

from .outputs import output_path
from .page import COMMENT_COLUMNS, comment_rows, thread_of, thread_record, threads_of
from .run import default_jobs, run_jobs
from .shard import ShardJob, ShardResult, extract_shard

__all__ = [
    "COMMENT_COLUMNS",
    "ShardJob",
    "ShardResult",
    "comment_rows",
    "default_jobs",
    "extract_shard",
    "output_path",
    "run_jobs",
    "thread_of",
    "thread_record",
    "threads_of",
]
