"""`reviewer bench` (DESIGN §6): each result is a ratio against a baseline measured in the same run."""
from reviewer.bench.common import Benchmark, Row, Sizes
from reviewer.bench.runner import default_benchmarks, run_benchmarks

__all__ = ["Benchmark", "Row", "Sizes", "default_benchmarks", "run_benchmarks"]
