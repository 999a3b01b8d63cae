"""`make bench`: /sla/ for an anonymous reader against a static copy of the same page.

Both are served by the production stack (gunicorn, WhiteNoise, DEBUG off) from a fresh
database with the real content, and loaded with Locust. Prints the figures as a
Markdown table, with the machine they were measured on.
"""

import csv
import json
import os
import platform
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
DURATION = os.environ.get("BENCH_SECONDS", "20")
USERS = os.environ.get("BENCH_USERS", "16")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_available():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


def production_env(workdir):
    cache = "redis://127.0.0.1:6379/15" if redis_available() else "locmem://"
    return {
        **os.environ,
        "DEBUG": "",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3"),
        "CACHE_URL": cache,
        "STATIC_ROOT": str(workdir / "static"),
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "WARNING",
    }


def manage(env, *args):
    subprocess.run(
        [BIN / "python", "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


QUERY_PROBE = """
import json
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
cache.clear()
client = Client()
counts = []
for _ in range(2):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/sla/")
    assert response.status_code == 200
    counts.append(len(queries))
open({path!r}, "wb").write(response.content)
print(json.dumps(counts))
"""


def query_counts_and_copy(env, static_copy):
    static_copy.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [BIN / "python", "manage.py", "shell", "-c", QUERY_PROBE.format(path=str(static_copy))],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    cold, warm = json.loads(result.stdout.strip().splitlines()[-1])
    return cold, warm


def load(url_base, path, workdir, name):
    prefix = workdir / name
    subprocess.run(
        [
            BIN / "locust",
            "-f",
            str(ROOT / "tests/bench/locustfile.py"),
            "--headless",
            "-u",
            USERS,
            "-r",
            USERS,
            "-t",
            f"{DURATION}s",
            "--host",
            url_base,
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        cwd=ROOT,
        env={**os.environ, "BENCH_PATH": path},
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    with open(f"{prefix}_stats.csv", newline="") as handle:
        row = next(r for r in csv.DictReader(handle) if r["Name"] == "Aggregated")
    return {
        "rps": float(row["Requests/s"]),
        "median": float(row["Median Response Time"]),
        "p95": float(row["95%"]),
        "p99": float(row["99%"]),
        "failures": int(row["Failure Count"]),
        "requests": int(row["Request Count"]),
    }


def wait_for(url):
    import urllib.request

    for _ in range(100):
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer")


def machine():
    cpu = next(
        (line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if "model name" in line),
        platform.processor(),
    )
    meminfo = open("/proc/meminfo").read().split()
    gib = int(meminfo[meminfo.index("MemTotal:") + 1]) / 1024 / 1024
    return f"{os.cpu_count()} cores ({cpu}), {gib:.0f} GiB, Python {platform.python_version()}"


def main():
    workdir = Path(tempfile.mkdtemp(prefix="styringsportalen-bench-"))
    env = production_env(workdir)
    print(f"Preparing a production-like site in {workdir} …", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "load_content")
    manage(env, "collectstatic", "--noinput")
    static_copy = workdir / "static" / "bench" / "sla.html"
    cold, warm = query_counts_and_copy(env, static_copy)

    port = free_port()
    workers = str(os.cpu_count() or 2)
    server = subprocess.Popen(
        [
            BIN / "gunicorn",
            "config.wsgi",
            "-w",
            workers,
            "-b",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "-",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/sla/")
        wait_for(base + "/static/bench/sla.html")
        dynamic = load(base, "/sla/", workdir, "sla")
        static = load(base, "/static/bench/sla.html", workdir, "static")
    finally:
        server.terminate()
        server.wait(timeout=10)
    shutil.rmtree(workdir, ignore_errors=True)

    print()
    print(f"Machine: {machine()}")
    print(
        f"Server: gunicorn, {workers} sync workers, DEBUG off, cache {env['CACHE_URL']}, "
        f"database {env['DATABASE_URL'].split(':')[0]}"
    )
    print(f"Load: Locust, {USERS} users without think time, {DURATION} s per path")
    print()
    print("| path | requests/s | median ms | p95 ms | p99 ms | failures | DB queries |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    print(
        f"| /sla/ (anonymous) | {dynamic['rps']:.0f} | {dynamic['median']:.0f} | "
        f"{dynamic['p95']:.0f} | {dynamic['p99']:.0f} | {dynamic['failures']} | "
        f"{warm} cached, {cold} on the first view after a publication |"
    )
    print(
        f"| static copy of /sla/ | {static['rps']:.0f} | {static['median']:.0f} | "
        f"{static['p95']:.0f} | {static['p99']:.0f} | {static['failures']} | 0 |"
    )
    ratio = dynamic["rps"] / static["rps"] if static["rps"] else 0
    print()
    print(f"/sla/ reaches {ratio:.0%} of the static copy's throughput (target: at least 50 %).")
    return 0 if ratio >= 0.5 and not dynamic["failures"] else 1


if __name__ == "__main__":
    sys.exit(main())
