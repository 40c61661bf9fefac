"""Which annotations' bounding boxes meet a rectangle: a uniform grid over a numpy box table.

Each key's box lives in one row of a float array (rows are never reused, so row order is insertion
order, which is drawing order). Small boxes are also listed in every grid cell they touch; boxes
spanning many cells sit in a short "big" list. A query that touches few cells gathers candidates
from those cells; a query covering much of the index (zoomed out) is answered by one vectorised
comparison over the table, which at that point is cheaper than visiting cells. Both are exact.
"""
from __future__ import annotations

import math

import numpy as np

DEFAULT_CELL = 1024.0     # level-0 pixels: a few cells per 1600 x 1000 viewport at full resolution
MAX_ITEM_CELLS = 64       # boxes spanning more cells are kept in the "big" list


class GridIndex:
    def __init__(self, cell: float = DEFAULT_CELL, max_item_cells: int = MAX_ITEM_CELLS):
        self.cell = float(cell)
        self.max_item_cells = max_item_cells
        self._boxes = np.full((64, 4), np.nan)   # x0, y0, x1, y1; NaN rows are dead and never match
        self._keys: list[str | None] = []
        self._row: dict[str, int] = {}
        self._cells: dict[tuple[int, int], set[int]] = {}
        self._big: set[int] = set()

    def __len__(self) -> int:
        return len(self._row)

    def __contains__(self, key: str) -> bool:
        return key in self._row

    def _span(self, x0, y0, x1, y1) -> tuple[range, range]:
        c = self.cell
        return (range(math.floor(x0 / c), math.floor(x1 / c) + 1),
                range(math.floor(y0 / c), math.floor(y1 / c) + 1))

    def insert(self, key: str, box: tuple[float, float, float, float]) -> None:
        if key in self._row:
            self.remove(key)
        row = len(self._keys)
        if row == len(self._boxes):
            if len(self._row) * 2 < row:
                self._compact()
                return self.insert(key, box)
            self._boxes = np.vstack([self._boxes, np.full_like(self._boxes, np.nan)])
        self._keys.append(key)
        self._row[key] = row
        self._boxes[row] = box
        self._place(row, box)

    def _place(self, row: int, box) -> None:
        xs, ys = self._span(*box)
        if len(xs) * len(ys) > self.max_item_cells:
            self._big.add(row)
            return
        for i in xs:
            for j in ys:
                self._cells.setdefault((i, j), set()).add(row)

    def update(self, key: str, box: tuple[float, float, float, float]) -> None:
        """Moves a key's box, keeping its place in the order (an edit does not raise it)."""
        if key not in self._row:
            return self.insert(key, box)
        row = self._row[key]
        self._unplace(row)
        self._boxes[row] = box
        self._place(row, box)

    def remove(self, key: str) -> None:
        row = self._row.pop(key)
        self._unplace(row)
        self._boxes[row] = np.nan
        self._keys[row] = None

    def _unplace(self, row: int) -> None:
        box = self._boxes[row]
        if row in self._big:
            self._big.discard(row)
            return
        xs, ys = self._span(*box)
        for i in xs:
            for j in ys:
                members = self._cells[(i, j)]
                members.discard(row)
                if not members:
                    del self._cells[(i, j)]

    def _compact(self) -> None:
        """Drops dead rows, keeping order, once they outnumber the live ones."""
        live = [(k, self._boxes[r].copy()) for r, k in enumerate(self._keys) if k is not None]
        self._boxes = np.full((max(64, 2 * len(live)), 4), np.nan)
        self._keys, self._row, self._cells, self._big = [], {}, {}, set()
        for key, box in live:
            self.insert(key, tuple(box))

    def query(self, x0: float, y0: float, x1: float, y1: float) -> list[str]:
        """Keys whose boxes intersect [x0, x1] x [y0, y1] (edges touching count), in insertion order."""
        if not self._row:
            return []
        x0, x1 = min(x0, x1), max(x0, x1)
        y0, y1 = min(y0, y1), max(y0, y1)
        n = len(self._keys)
        if all(map(math.isfinite, (x0, y0, x1, y1))):
            xs, ys = self._span(x0, y0, x1, y1)
            few_cells = len(xs) * len(ys) * 4 < len(self._cells)
        else:
            few_cells = False
        if few_cells:
            rows = set(self._big)
            for i in xs:
                for j in ys:
                    rows.update(self._cells.get((i, j), ()))
            cand = np.fromiter(rows, dtype=np.int64, count=len(rows))
            b = self._boxes[cand]
            hit = np.sort(cand[(b[:, 0] <= x1) & (b[:, 2] >= x0) & (b[:, 1] <= y1) & (b[:, 3] >= y0)])
        else:
            b = self._boxes[:n]
            hit = np.flatnonzero((b[:, 0] <= x1) & (b[:, 2] >= x0) & (b[:, 1] <= y1) & (b[:, 3] >= y0))
        keys = self._keys
        return [keys[r] for r in hit.tolist()]
