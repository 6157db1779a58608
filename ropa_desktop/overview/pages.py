"""The data map in parts that each fit a page, for the board PDF.

A map taller than a page is cut into runs of activities in the map's own
order; each part shows its activities with every source, data subject,
recipient and country they link to, in the same order as the whole map, so
the parts read as slices of one picture. A node linked from several parts
is repeated on each. Nodes linked to no activity (an unused recipient, a
data subject no activity names) go on the last part: they are the orphans a
reader should notice, not something to drop.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from ropa_desktop.overview.datamap import DataMap, Layer
from ropa_desktop.overview.layout import HEADER, MARGIN, NODE_HEIGHT, ROW_GAP, MapLayout, place


@dataclass
class MapPart:
    layout: MapLayout
    number: int  # 1-based
    of: int
    first_activity: int  # 1-based position of its first activity node in the whole map's order (0: none)
    last_activity: int
    unlinked: int = 0  # nodes on this part that no activity links to


def _neighbours(m: DataMap) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for e in m.edges:
        found[e.source].add(e.target)
        found[e.target].add(e.source)
    return found


def split_map(lay: MapLayout, page_height: float, heights: Mapping[str, float] | None = None) -> list[MapPart]:
    """``lay`` cut into parts no taller than ``page_height`` (in the layout's units) where that can be done.

    A single activity with more links than a page holds makes a part taller than the page; the face
    scales that one down. Every node of ``lay`` is on at least one part.
    """
    sizes = heights or {}
    m = lay.map
    if lay.height <= page_height:
        activities = len(lay.order[Layer.ACTIVITY])
        return [MapPart(lay, 1, 1, 1 if activities else 0, activities)]
    layer_of = {n.key: int(n.layer) for n in m.nodes}
    near = _neighbours(m)
    room = page_height - 2 * MARGIN - HEADER

    def linked(activity: str) -> set[str]:
        keys = {activity}
        for k in near.get(activity, ()):
            keys.add(k)
            if layer_of[k] == Layer.RECIPIENT:
                keys.update(c for c in near.get(k, ()) if layer_of[c] == Layer.COUNTRY)
        return keys

    def fits(keys: set[str]) -> bool:
        used = [0.0] * len(lay.order)
        for k in keys:
            used[layer_of[k]] += sizes.get(k, NODE_HEIGHT) + ROW_GAP
        return max(used) - ROW_GAP <= room

    chunks: list[tuple[set[str], list[int], int]] = []
    current: set[str] = set()
    positions: list[int] = []
    for position, activity in enumerate(lay.order[Layer.ACTIVITY], start=1):
        wanted = current | linked(activity)
        if positions and not fits(wanted):
            chunks.append((current, positions, 0))
            current, positions, wanted = set(), [], linked(activity)
        current, positions = wanted, [*positions, position]
    placed = set().union(current, *(keys for keys, _, _ in chunks))
    unlinked = 0
    for layer in lay.order:
        for key in layer:
            if key in placed:
                continue
            # an unlinked recipient brings its countries, so its flow out of the EEA (or its gap) shows
            wanted = {key} | {c for c in near.get(key, ()) if layer_of[c] == Layer.COUNTRY}
            if current and not fits(current | wanted):
                chunks.append((current, positions, unlinked))
                current, positions, unlinked = set(), [], 0
            current |= wanted
            placed |= wanted
            unlinked += 1
    if current:
        chunks.append((current, positions, unlinked))

    parts = []
    for number, (keys, at, orphans) in enumerate(chunks, start=1):
        order = [[k for k in layer if k in keys] for layer in lay.order]
        sub = DataMap(
            m.organisation,
            [n for n in m.nodes if n.key in keys],
            [e for e in m.edges if e.source in keys and e.target in keys],
            m.summarised,
            m.activity_count,
        )
        part = place(sub, order, lay.crossings, lay.plain_crossings, sizes)
        parts.append(MapPart(part, number, len(chunks), at[0] if at else 0, at[-1] if at else 0, orphans))
    return parts
