"""The one area tree: ancestry, descendants and order at any depth, from data or the database."""

import json

import pytest

from metrics.selectors import visible_areas
from priorities.area_tree import AreaNode, AreaTree
from priorities.areas_file import AreasFileError, area_rows, area_tree_from_data
from priorities.models import Area
from priorities.roles import OFFICER, user_area_ids, user_save_with_role
from priorities.selectors import area_tree
from priorities.services import DEFAULT_AREAS_FILE, areas_load
from tests.factories import DistrictFactory, ForceFactory, LpaFactory

# Force 1 → LPAs 2, 3; LPA 2 → district 4 → town 6 → ward 8 (four levels below the force).
NODES = [
    AreaNode(8, "Ward", "district", 6, 1),
    AreaNode(1, "Force", "force", None, 0),
    AreaNode(3, "West LPA", "lpa", 1, 2),
    AreaNode(2, "North LPA", "lpa", 1, 1),
    AreaNode(5, "Braintree", "district", 2, 2),
    AreaNode(4, "Tendring", "district", 2, 1),
    AreaNode(6, "Clacton", "district", 4, 1),
    AreaNode(7, "Harlow", "district", 3, 1),
]
TREE = AreaTree(NODES, {"Clacton-on-Sea": 6, "Witham": 5})


def pks(areas) -> list[int]:
    return [area.pk for area in areas]


def test_ancestry_at_any_depth():
    assert pks(TREE.ancestors(8)) == [6, 4, 2, 1]
    assert [TREE.depth(pk) for pk in (1, 2, 4, 6, 8)] == [0, 1, 2, 3, 4]
    assert TREE.contains(2, 8) and TREE.contains(4, 8) and TREE.contains(8, 8)
    assert not TREE.contains(8, 4) and not TREE.contains(3, 8) and not TREE.contains(5, 6)
    assert TREE.ancestor_of_kind(8, "lpa").name == "North LPA"
    assert TREE.ancestor_of_kind(1, "lpa") is None


def test_descendants_and_tree_order_at_any_depth():
    assert TREE.within(2) == [2, 4, 6, 8, 5]
    assert TREE.within(6) == [6, 8]
    assert TREE.with_descendants([4, 7]) == {4, 6, 8, 7}
    # Siblings by their order, whatever order the rows came in.
    assert pks(TREE.ordered()) == [1, 2, 4, 6, 8, 5, 3, 7]
    assert sorted([7, 8, 1, 5], key=TREE.rank) == [1, 8, 5, 7]


def test_common_ancestor():
    assert TREE.common_ancestor([8, 5]).pk == 2
    assert TREE.common_ancestor([8, 6]).pk == 6
    assert TREE.common_ancestor([8, 7]).pk == 1
    assert TREE.common_ancestor([]) is None


def test_names_and_aliases_any_case_and_spacing():
    assert TREE.find("  clacton-ON-sea ").pk == 6
    assert TREE.find("north lpa").pk == 2
    assert TREE.find("Nowhere") is None
    assert TREE.names_of(5) == {"braintree", "witham"}


def test_a_tree_cut_down_keeps_no_link_to_what_is_left_out():
    cut = TREE.only([4, 6, 8, 7])
    assert pks(cut.children(None)) == [4, 7]
    assert cut.within(4) == [4, 6, 8] and cut.ancestors(8)[-1].pk == 4
    assert 2 not in cut and cut.find("Witham") is None and cut.find("Clacton-on-Sea").pk == 6


def test_a_loop_of_parents_in_bad_data_does_not_hang():
    tree = AreaTree([AreaNode(1, "A", "lpa", 2), AreaNode(2, "B", "lpa", 1)])
    assert pks(tree.ancestors(1)) == [2]
    assert sorted(pks(tree.ordered())) == [1, 2]
    assert tree.within(1) == [1, 2]


def test_the_shipped_areas_file_read_once_into_the_same_tree_the_loader_stores():
    data = json.loads(DEFAULT_AREAS_FILE.read_text())
    tree = area_tree_from_data(data)
    assert tree.find("Canvey Island").name == "Castle Point"
    assert tree.ancestor_of_kind(tree.find("Saffron Waldon").pk, "lpa").name == "North LPA"
    assert len(tree) == 18


NESTED = {
    "force": {"name": "Demo Police"},
    "lpas": [
        {
            "name": "North LPA",
            "districts": [
                {
                    "name": "Tendring",
                    "districts": [{"name": "Clacton", "districts": [{"name": "Jaywick"}]}],
                }
            ],
        }
    ],
}


def test_the_areas_file_may_nest_districts_to_any_depth():
    rows = area_rows(NESTED)
    assert [(r.name, r.parent) for r in rows][-2:] == [
        ("Clacton", "Tendring"),
        ("Jaywick", "Clacton"),
    ]
    assert rows[-1].where == "lpas[1].districts[1].districts[1].districts[1]"
    bad = {"force": {"name": "F"}, "lpas": [{"name": "A", "districts": [{"districts": "x"}]}]}
    with pytest.raises(AreasFileError, match=r"lpas\[1\]\.districts\[1\]"):
        area_rows(bad)


@pytest.mark.django_db
def test_loaded_nested_areas_make_the_same_tree_from_the_database(django_assert_num_queries):
    areas_load(data=NESTED)
    with django_assert_num_queries(2):
        tree = area_tree(aliases=True)
    jaywick = Area.objects.get(name="Jaywick")
    assert [a.name for a in tree.ancestors(jaywick.pk)] == [
        "Clacton",
        "Tendring",
        "North LPA",
        "Demo Police",
    ]
    assert tree.depth(jaywick.pk) == 4


@pytest.mark.django_db
def test_an_officer_of_a_district_writes_for_every_level_below_it():
    force = ForceFactory()
    lpa = LpaFactory(parent=force)
    district = DistrictFactory(parent=lpa)
    town = DistrictFactory(parent=district)
    ward = DistrictFactory(parent=town)
    other = DistrictFactory(parent=lpa)
    officer = user_save_with_role(username="o", role=OFFICER, areas=[district])
    assert user_area_ids(officer) == {district.pk, town.pk, ward.pk}
    lpa_officer = user_save_with_role(username="p", role=OFFICER, areas=[lpa])
    assert user_area_ids(lpa_officer) == {lpa.pk, district.pk, town.pk, ward.pk, other.pk}
    # The dashboards list them in tree order: each area followed by everything below it.
    assert visible_areas(user=officer) == [district, town, ward]
    assert visible_areas(user=lpa_officer)[:4] == [lpa, district, town, ward]
