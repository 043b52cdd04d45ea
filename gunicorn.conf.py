"""gunicorn's settings for Plenary's web service, read from the working directory wherever
gunicorn runs there (the Docker image, docker compose, bench/api_load.py). The command line's
options (the image's --workers, --bind, --access-logfile) still win over these."""

import gc

# The app is imported once, in the master, and its workers are forked from it: they start at
# once and share its memory. Django opens no database connection at import, so none is shared.
preload_app = True

# The objects the app creates at import (Django's models, URLs, settings; DRF's serializers)
# live as long as the process. Frozen before the workers fork, the garbage collector no longer
# walks them in every full collection of every worker, and they stay shared, not copied.
# gc.freeze() as Python's documentation recommends: collection off in the master while it
# loads, frozen before each fork, back on in each worker.
gc.disable()


def pre_fork(server, worker):
    gc.freeze()


def post_fork(server, worker):
    gc.enable()


# A sync worker streaming a download does not report to the master until it ends, and is killed
# after `timeout` seconds of that silence: the whole record's CSV export (59 MB) to a client
# reading 1 MB/s takes a minute. Five minutes let it finish; a worker stuck for good is still
# replaced, later.
timeout = 300
