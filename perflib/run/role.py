"""What this process is in a batch: set once as it starts (jobs.worker_init), read by the stages
that behave differently in a batch worker (Ctrl-C, the OCR engine, how kernels are started)."""

BATCH_WORKER = False  # a worker of a batch's pool (or a Dask worker's render child): many reports to come
