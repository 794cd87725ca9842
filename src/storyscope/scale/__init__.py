"""Scale-out: batch work over the whole store with Dask (``storyscope.scale.batch``).

Needs the ``scale`` extra (``pip install 'storyscope[scale]'``); PostgreSQL lives with the other
stores in ``storyscope.store.postgres``.
"""
