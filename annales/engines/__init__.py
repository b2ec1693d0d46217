"""Engines that run the pipeline beyond one process: `annales.workers` (processes of this machine, into the store)
and `annales.engines.cluster` (a Dask distributed cluster, into a partitioned Parquet dataset,
`annales.engines.dataset`, that `annales load-parquet` loads into a store)."""
