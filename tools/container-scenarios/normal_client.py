#!/usr/bin/env python3
"""Normal users of the victim service: a seeded random mix of page views, searches, logins (mostly right),
uploads and diagnostics look-ups of localhost, at a few requests per second, until stopped.

    normal_client.py PORT SEED REQUESTS_PER_SECOND
"""
import random
import sys
import time
import urllib.error
import urllib.request

PORT, SEED, RATE = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
BASE = "http://127.0.0.1:%d" % PORT
rng = random.Random(SEED)
WORDS = ["license", "software", "free", "copy", "source", "program", "warranty", "terms"]


def request(path, data=None):
    try:
        with urllib.request.urlopen(BASE + path, data=data, timeout=10) as response:
            response.read()
    except urllib.error.HTTPError as error:
        error.read()
    except OSError:
        pass


actions = [
    (40, lambda: request("/page/%d" % rng.randrange(20))),
    (10, lambda: request("/")),
    (15, lambda: request("/search?q=" + rng.choice(WORDS))),
    (15, lambda: request("/login", ("user=alice&password=" + ("correct horse" if rng.random() < 0.9 else "correct hrose")).encode())),
    (10, lambda: request("/upload", bytes(rng.randrange(256) for _ in range(rng.randrange(100, 2000))))),
    (10, lambda: request("/diag?host=localhost")),
]
weights = [w for w, _ in actions]
while True:
    rng.choices(actions, weights)[0][1]()
    time.sleep(rng.expovariate(RATE))
