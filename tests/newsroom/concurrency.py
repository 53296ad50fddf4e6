import threading

from django.db import connections
from django.test import Client


def hit_concurrently(request, *, threads: int, per_thread: int, user_agent: str) -> list:
    """Run ``request(client)`` ``per_thread`` times in each of ``threads`` threads, each
    with its own client and database connection; return what the threads raised."""
    errors = []

    def work():
        try:
            client = Client(HTTP_USER_AGENT=user_agent)
            for _ in range(per_thread):
                request(client)
        except Exception as exc:  # surfaced by the caller; a thread's assert is otherwise lost
            errors.append(exc)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return errors
