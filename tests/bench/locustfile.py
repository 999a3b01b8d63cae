"""Locust users for `make bench`: each fetches one path as fast as the server answers."""

import os

from locust import FastHttpUser, constant, task


class Reader(FastHttpUser):
    wait_time = constant(0)
    path = os.environ["BENCH_PATH"]

    @task
    def read(self):
        with self.client.get(self.path, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
