"""Summing an LPA's and the force's figures from their parts: the pure rule, then the pages."""

from decimal import Decimal

from metrics.combining import summed_label, with_sums
from metrics.dashboards import Figure
from metrics.models import Metric, MetricValue
from priorities.area_tree import AreaNode, AreaTree
from priorities.periods import Quarter

Q1, Q2 = Quarter(2020, 1), Quarter(2020, 2)
# The force (1) has LPAs 2 and 3; LPA 2 has districts 4 and 5, LPA 3 has district 6.
PARENTS = {1: None, 2: 1, 3: 1, 4: 2, 5: 2, 6: 3}
KINDS = {1: "force", 2: "lpa", 3: "lpa"}
TREE = AreaTree(
    AreaNode(pk, f"Area {pk}", KINDS.get(pk, "district"), parent, pk)
    for pk, parent in PARENTS.items()
)


def fig(value, illustrative=False):
    return Figure(Decimal(value), illustrative)


def test_the_tree_and_its_parts():
    children = {pk: [child.pk for child in TREE.children(pk)] for pk in PARENTS}
    assert children == {1: [2, 3], 2: [4, 5], 3: [6], 4: [], 5: [], 6: []}
    assert TREE.within(2) == [2, 4, 5]
    # A tree cut down to what an officer sees keeps no link to the areas left out.
    cut = TREE.only([2, 4])
    assert [area.pk for area in cut.children(None)] == [2] and cut.within(2) == [2, 4]


def test_districts_add_up_to_their_lpa_and_lpas_to_the_force():
    stored = {4: {Q2: fig(10)}, 5: {Q2: fig(15)}, 6: {Q2: fig(7)}}
    found = with_sums(stored, TREE, combinable=True)
    assert found[2][Q2] == Figure(Decimal(25), False, summed=True)
    assert found[3][Q2] == Figure(Decimal(7), False, summed=True)
    assert found[1][Q2] == Figure(Decimal(32), False, summed=True)
    assert found[4][Q2] == fig(10) and not found[4][Q2].summed


def test_a_stored_value_wins_over_the_sum():
    stored = {2: {Q2: fig(30)}, 4: {Q2: fig(10)}, 5: {Q2: fig(15)}, 6: {Q2: fig(7)}}
    found = with_sums(stored, TREE, combinable=True)
    assert found[2][Q2] == fig(30)  # the LPA's own figure, not 25
    assert found[1][Q2] == Figure(Decimal(37), False, summed=True)  # 30 + 7


def test_no_sum_when_a_part_has_no_figure_for_the_quarter():
    # District 5 has no Q1: LPA 2 gets no Q1, and so neither does the force.
    stored = {4: {Q1: fig(9), Q2: fig(10)}, 5: {Q2: fig(15)}, 6: {Q1: fig(6), Q2: fig(7)}}
    found = with_sums(stored, TREE, combinable=True)
    assert Q1 not in found[2] and Q1 not in found[1]
    assert found[3][Q1] == Figure(Decimal(6), False, summed=True)
    assert found[1][Q2].value == 32


def test_a_metric_that_does_not_add_up_gets_no_sums():
    stored = {4: {Q2: fig(10)}, 5: {Q2: fig(15)}, 6: {Q2: fig(7)}}
    found = with_sums(stored, TREE, combinable=False)
    assert found[1] == {} and found[2] == {} and found[3] == {}
    assert found[4] == {Q2: fig(10)}


def test_a_sum_with_an_illustrative_part_is_illustrative():
    stored = {4: {Q2: fig(10, True)}, 5: {Q2: fig(15)}, 6: {Q2: fig(7)}}
    found = with_sums(stored, TREE, combinable=True)
    assert found[2][Q2].illustrative and found[1][Q2].illustrative
    assert not found[3][Q2].illustrative


def test_how_a_sum_is_marked():
    assert summed_label(0) == "summed from LPAs"
    assert summed_label(1) == "summed from districts"


def test_pages_show_an_lpas_sum_marked_as_such(client, small_force, manager):
    """The small force stores calls for the force and its districts, none for the LPAs."""
    lpa = small_force["areas"]["LPA 1"]
    client.force_login(manager)
    home = client.get("/dashboards/", {"area": lpa.pk})
    calls = next(row for row in home.context["rows"] if row["metric"].code == "calls-999")
    assert calls["summary"].value == 2 * 1070 and calls["summary"].summed
    assert "2,140" in home.content.decode() and "summed from districts" in home.content.decode()
    page = client.get("/dashboards/calls-999/", {"area": lpa.pk})
    assert page.context["summary"].value == 2140
    assert "summed from districts" in page.content.decode()
    by_area = {item["area"].name: item for item in page.context["by_area"]}
    assert by_area["LPA 1"]["summed"] == "summed from districts"
    assert by_area["Demo Police"]["summed"] == ""  # the force's stored 4,280 wins
    assert by_area["Demo Police"]["value"] == 4280


def test_pages_show_no_sum_for_a_metric_that_does_not_add_up(client, small_force, manager):
    Metric.objects.filter(code="calls-999").update(combination=Metric.Combination.NONE)
    lpa = small_force["areas"]["LPA 1"]
    client.force_login(manager)
    home = client.get("/dashboards/", {"area": lpa.pk})
    calls = next(row for row in home.context["rows"] if row["metric"].code == "calls-999")
    assert calls["summary"].value is None
    page = client.get("/dashboards/calls-999/", {"area": lpa.pk})
    assert "LPA 1" not in {item["area"].name for item in page.context["by_area"]}
    assert "summed from" not in page.content.decode()


def test_an_illustrative_district_makes_its_lpas_sum_illustrative(client, small_force, manager):
    district = small_force["areas"]["District 1.1"]
    MetricValue.objects.filter(area=district).update(illustrative=True)
    client.force_login(manager)
    lpa = small_force["areas"]["LPA 1"]
    page = client.get("/dashboards/calls-999/", {"area": lpa.pk})
    assert page.context["summary"].illustrative and page.context["summary"].summed


def test_sums_climb_a_tree_of_any_depth():
    # District 4 has towns 7 and 8; town 8 has wards 9 and 10: the wards fill the town, the
    # towns the district, and so on up to the force.
    deep = AreaTree(
        [
            *(
                AreaNode(pk, f"Area {pk}", KINDS.get(pk, "district"), p, pk)
                for pk, p in PARENTS.items()
            ),
            *(
                AreaNode(pk, f"Area {pk}", "district", parent, pk)
                for pk, parent in ((7, 4), (8, 4), (9, 8), (10, 8))
            ),
        ]
    )
    stored = {7: {Q2: fig(1)}, 9: {Q2: fig(2)}, 10: {Q2: fig(3)}, 5: {Q2: fig(4)}, 6: {Q2: fig(5)}}
    found = with_sums(stored, deep, combinable=True)
    assert [found[pk][Q2].value for pk in (8, 4, 2, 1)] == [5, 6, 10, 15]
