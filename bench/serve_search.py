#!/usr/bin/env python3
"""Benchmark of `policydb serve`'s /api/search (issue 21): p50/p95 latency
for 1-, 2- and 3+-character queries, one client on loopback, after one
warm-up pass. Not a test: prints figures for the README.

  bench/serve_search.py BINARY DATABASE [--reps N]
"""
import argparse, socket, subprocess, sys, time, urllib.parse, urllib.request

QUERIES = {
    "1 char": ["碳", "能", "水", "电", "煤", "林", "绿", "氢"],
    "2 chars": ["节能", "减排", "绿色", "低碳", "建筑", "交通", "光伏", "排放"],
    "3+ chars": ["碳达峰", "新能源汽车", "可再生能源", "能耗强度", "绿色 建筑", "“碳排放权”",
                 "清洁生产审核", "生态环境局"],
}
TYPES = ["clause", "target", "assignment", "deadline"]


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("db")
    ap.add_argument("--reps", type=int, default=3)
    a = ap.parse_args()
    port = free_port()
    server = subprocess.Popen([a.binary, "-q", "serve", "--db", a.db, "--port", str(port)])
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/assets/app.css").read()
                break
            except OSError:
                time.sleep(0.05)

        def get(q, t):
            url = f"{base}/api/search?q={urllib.parse.quote(q)}&type={t}"
            t0 = time.perf_counter()
            urllib.request.urlopen(url).read()
            return (time.perf_counter() - t0) * 1000

        for qs in QUERIES.values():  # warm-up: page cache
            for q in qs:
                get(q, "clause")
        print(f"{'queries':10} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
        for label, qs in QUERIES.items():
            ms = sorted(get(q, t) for _ in range(a.reps) for q in qs for t in TYPES)
            p = lambda f: ms[min(len(ms) - 1, int(f * len(ms)))]
            print(f"{label:10} {len(ms):4} {p(0.5):8.1f} {p(0.95):8.1f} {ms[-1]:8.1f}")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    sys.exit(main())
