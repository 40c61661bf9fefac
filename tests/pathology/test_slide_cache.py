"""TileCache: byte budget, LRU order, thread safety, one load per key, errors not cached."""
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from reviewer.pathology import TileCache


def arr(n):
    return np.zeros(n, np.uint8)


def test_budget_and_lru_order():
    c = TileCache(1000)
    for k in range(4):
        c.put(k, arr(300))
    assert c.used_bytes == 900 and len(c) == 3 and c.get(0) is None
    c.get(1)                          # 1 becomes most recent; 2 is evicted next
    c.put(9, arr(300))
    assert c.get(2) is None and c.get(1) is not None and c.used_bytes <= 1000
    c.put("huge", arr(5000))          # larger than the budget: not kept
    assert c.get("huge") is None and c.used_bytes <= 1000
    v = c.get(9)
    with pytest.raises(ValueError):
        v[0] = 1                      # read-only: callers cannot change what others see


def test_concurrent_callers_share_one_load():
    c = TileCache(1 << 20)
    loads = []

    def load():
        loads.append(1)
        time.sleep(0.05)
        return arr(10)
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: c.get_or_load("k", load), range(8)))
    assert len(loads) == 1 and all(r is results[0] for r in results)


def test_errors_propagate_and_are_not_cached():
    c = TileCache(1 << 20)
    calls = []

    def bad():
        calls.append(1)
        raise RuntimeError("corrupt")
    for _ in range(2):
        with pytest.raises(RuntimeError):
            c.get_or_load("k", bad)
    assert len(calls) == 2 and c.get("k") is None


def test_many_threads_keep_the_budget():
    c = TileCache(64 * 1000)

    def work(seed):
        rng = np.random.default_rng(seed)
        for _ in range(300):
            k = int(rng.integers(0, 200))
            c.get_or_load(k, lambda: arr(1000))
    threads = [threading.Thread(target=work, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert c.used_bytes == sum(v.nbytes for v in c._items.values()) <= 64 * 1000
