from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from netview.services.mapmodel import OTHERS, RING_RADII, build_map_model
from netview.store.network import PersonRow


def rows(n: int) -> list[PersonRow]:
    return [PersonRow(i, f"P{i}", f"Co{i % 4}", "") for i in range(1, n + 1)]


def test_degrees_rings_and_ties_follow_the_network() -> None:
    # 1 - 2 - 5 - 6 - 7 ; 1 - 3, 1 - 4 ; 8 alone
    ties = [(1, 2), (1, 3), (1, 4), (2, 5), (5, 6), (6, 7)]
    model = build_map_model(rows(8), ties, owner_id=1)
    by_id = dict(zip(model.person_ids.tolist(), model.degree.tolist(), strict=True))
    assert by_id == {1: 0, 2: 1, 3: 1, 4: 1, 5: 2, 6: 3, 7: OTHERS, 8: OTHERS}
    assert model.degree_counts() == {1: 3, 2: 1, 3: 1, 4: 2}
    assert not model.visible[[6, 7]].any() and model.visible[:6].all()
    assert sorted(model.person_ids[model.ties_of(1)].tolist()) == [1, 5]
    radius = np.hypot(model.xy[:, 0], model.xy[:, 1])
    assert radius[0] == 0
    for i in range(1, 6):
        assert abs(radius[i] - RING_RADII[model.degree[i]]) < 0.4
    assert model.label_order()[0] == 0  # the owner is labelled first
    assert model.nearest(*model.xy[4], max_dist=0.01) == 4
    assert "2nd degree" in model.describe(4)


def test_people_of_a_company_share_a_sector_and_colour() -> None:
    people = [PersonRow(1, "Me", "", "")] + [
        PersonRow(i, f"P{i}", "Acme" if i <= 6 else "Globex", "") for i in range(2, 12)
    ]
    model = build_map_model(people, [(1, i) for i in range(2, 12)], owner_id=1)
    acme = model.group_names.index("Acme")
    members = np.flatnonzero(model.group == acme)
    assert len(members) == 5
    assert len({tuple(c) for c in model.colors[members, :3].tolist()}) == 1
    angles = np.sort(np.arctan2(model.xy[members, 1], model.xy[members, 0]))
    assert angles[-1] - angles[0] < np.pi  # together, not scattered around the ring


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(0, 60),
    pairs=st.lists(st.tuples(st.integers(1, 60), st.integers(1, 60)), max_size=150),
)
def test_any_network_lays_out_without_overlapping_the_owner(
    n: int, pairs: list[tuple[int, int]]
) -> None:
    ties = sorted({(min(a, b), max(a, b)) for a, b in pairs if a != b and a <= n and b <= n})
    model = build_map_model(rows(n), ties, owner_id=1 if n else None)
    assert len(model) == n
    assert np.isfinite(model.xy).all()
    assert len(model.edges) == len(ties)
    others = model.degree > 0
    assert (np.hypot(model.xy[others, 0], model.xy[others, 1]) > 0.3).all()
