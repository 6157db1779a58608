"""The data map's layout: layers are fixed by kind, the order in each layer keeps crossings low.

Crossing reduction is the barycenter heuristic (Sugiyama et al. 1981): sweep
down and up the layers, sorting each layer by the mean position of its
neighbours in the layer just fixed, ties by the previous order; after every
sweep neighbours are swapped where that helps (the "transpose" step of
Gansner et al. 1993) and the crossings are counted (Barth-Jünger-Mutzel bilayer count, by
inversions) and the best order seen is kept, so the result is never worse
than the plain order it starts from: the register's display order.
Everything is deterministic: no randomness, ties broken by position.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ropa_desktop.overview.datamap import DataMap, Layer, MapEdge, MapNode

SWEEPS = 12
NODE_WIDTH = 220.0
NODE_HEIGHT = 30.0
ROW_GAP = 12.0
COLUMN_GAP = 110.0
MARGIN = 24.0
HEADER = 34.0


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float

    @property
    def centre_y(self) -> float:
        return self.y + self.height / 2


@dataclass
class MapLayout:
    map: DataMap
    order: list[list[str]]  # node keys per layer, top to bottom
    boxes: dict[str, Box]
    width: float
    height: float
    crossings: int
    plain_crossings: int  # of the register's display order, before any sweep

    def nodes_in_order(self) -> list[MapNode]:
        by_key = {n.key: n for n in self.map.nodes}
        return [by_key[k] for layer in self.order for k in layer]


def _adjacency(edges: Sequence[MapEdge], layer_of: dict[str, int]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Neighbours one layer up and one layer down (edges skipping a layer are not drawn in this map)."""
    up: dict[str, list[str]] = defaultdict(list)
    down: dict[str, list[str]] = defaultdict(list)
    for e in edges:
        a, b = (e.source, e.target) if layer_of[e.source] < layer_of[e.target] else (e.target, e.source)
        down[a].append(b)
        up[b].append(a)
    return up, down


def _inversions(sequence: list[int]) -> int:
    """Pairs i < j with sequence[i] > sequence[j], by merge sort: O(n log n)."""
    if len(sequence) < 2:
        return 0
    mid = len(sequence) // 2
    left, right = sequence[:mid], sequence[mid:]
    count = _inversions(left) + _inversions(right)
    left.sort()
    right.sort()
    i = 0
    for value in right:
        # elements of left greater than value
        while i < len(left) and left[i] <= value:
            i += 1
        count += len(left) - i
    return count


def bilayer_crossings(upper: list[str], lower: list[str], down: dict[str, list[str]]) -> int:
    """Crossings between two adjacent layers: sort the edges by upper end, count inversions of the lower ends."""
    pos = {k: i for i, k in enumerate(lower)}
    ends: list[int] = []
    for key in upper:
        ends.extend(sorted(pos[t] for t in down.get(key, ()) if t in pos))
    return _inversions(ends)


def count_crossings(order: list[list[str]], down: dict[str, list[str]]) -> int:
    return sum(bilayer_crossings(order[i], order[i + 1], down) for i in range(len(order) - 1))


def _barycenter_sort(layer: list[str], fixed: list[str], neighbours: dict[str, list[str]]) -> list[str]:
    pos = {k: i for i, k in enumerate(fixed)}
    current = {k: i for i, k in enumerate(layer)}

    def key(node: str) -> tuple[float, int]:
        found = [pos[n] for n in neighbours.get(node, ()) if n in pos]
        # A node with no neighbour keeps its place relative to the others (scaled to the fixed layer).
        if not found:
            return (current[node] * len(fixed) / max(len(layer), 1), current[node])
        return (sum(found) / len(found), current[node])

    return sorted(layer, key=key)


TRANSPOSE_LIMIT = 150  # layers longer than this skip the quadratic local swaps


def _pair_crossings(u: str, v: str, neighbours: dict[str, list[str]], pos: dict[str, int]) -> int:
    """Crossings between the edges of ``u`` and ``v`` to one adjacent layer when ``u`` is above ``v``."""
    return sum(1 for a in neighbours.get(u, ()) for b in neighbours.get(v, ()) if pos[a] > pos[b])


def _transpose(order: list[list[str]], up: dict[str, list[str]], down: dict[str, list[str]]) -> None:
    """Swap neighbours in a layer while that lowers the crossings around them (Gansner et al. 1993).

    Only the edges of the two swapped nodes change their crossings, so each
    trial counts just those pairs, not the whole layer.
    """
    for _ in range(len(order) * 4):  # bounded: each pass only ever lowers the count, but stop anyway
        improved = False
        for i, layer in enumerate(order):
            if len(layer) > TRANSPOSE_LIMIT:
                continue
            above = {k: p for p, k in enumerate(order[i - 1])} if i > 0 else {}
            below = {k: p for p, k in enumerate(order[i + 1])} if i + 1 < len(order) else {}
            for j in range(len(layer) - 1):
                u, v = layer[j], layer[j + 1]
                now = _pair_crossings(u, v, up, above) + _pair_crossings(u, v, down, below)
                swapped = _pair_crossings(v, u, up, above) + _pair_crossings(v, u, down, below)
                if swapped < now:
                    layer[j], layer[j + 1] = v, u
                    improved = True
        if not improved:
            return


def order_layers(m: DataMap, sweeps: int = SWEEPS) -> tuple[list[list[str]], int, int]:
    """(order per layer, its crossings, the plain order's crossings)."""
    layer_of = {n.key: int(n.layer) for n in m.nodes}
    order: list[list[str]] = [[] for _ in Layer]
    for n in m.nodes:
        order[int(n.layer)].append(n.key)
    up, down = _adjacency(m.edges, layer_of)
    plain = count_crossings(order, down)
    best, best_count = [list(layer) for layer in order], plain
    for sweep in range(sweeps):
        if best_count == 0:
            break
        if sweep % 2 == 0:
            for i in range(1, len(order)):
                order[i] = _barycenter_sort(order[i], order[i - 1], up)
        else:
            for i in range(len(order) - 2, -1, -1):
                order[i] = _barycenter_sort(order[i], order[i + 1], down)
        _transpose(order, up, down)
        found = count_crossings(order, down)
        if found < best_count:
            best, best_count = [list(layer) for layer in order], found
    return best, best_count, plain


def layout(m: DataMap, sweeps: int = SWEEPS, heights: Mapping[str, float] | None = None) -> MapLayout:
    """Positions for every node: one column per layer, rows evenly spaced, each column centred.

    ``heights`` gives a face's measured box height per node key (the PDF wraps whole labels); the
    others are :data:`NODE_HEIGHT`.
    """
    order, crossings, plain = order_layers(m, sweeps)
    return place(m, order, crossings, plain, heights)


def place(
    m: DataMap,
    order: list[list[str]],
    crossings: int = 0,
    plain: int = 0,
    heights: Mapping[str, float] | None = None,
) -> MapLayout:
    """Boxes for an order already chosen: each column stacked top to bottom and centred on the tallest."""
    sizes = heights or {}

    def column_height(layer: list[str]) -> float:
        return sum(sizes.get(k, NODE_HEIGHT) for k in layer) + ROW_GAP * max(len(layer) - 1, 0)

    inner = max((column_height(layer) for layer in order if layer), default=NODE_HEIGHT)
    boxes: dict[str, Box] = {}
    for column, layer in enumerate(order):
        x = MARGIN + column * (NODE_WIDTH + COLUMN_GAP)
        y = MARGIN + HEADER + max(0.0, (inner - column_height(layer)) / 2)
        for key in layer:
            height = sizes.get(key, NODE_HEIGHT)
            boxes[key] = Box(x, y, NODE_WIDTH, height)
            y += height + ROW_GAP
    width = 2 * MARGIN + len(order) * NODE_WIDTH + (len(order) - 1) * COLUMN_GAP
    height = 2 * MARGIN + HEADER + inner
    return MapLayout(m, order, boxes, width, height, crossings, plain)
