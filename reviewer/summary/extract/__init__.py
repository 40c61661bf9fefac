"""Rule-based extractors: each reads one page (a PageView) and returns Facts with exact spans."""
