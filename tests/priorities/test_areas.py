"""The shipped gazetteer and `manage.py load_areas`."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from priorities.models import Area, AreaAlias
from priorities.services import DEFAULT_AREAS_FILE, AreasFileError, areas_load
from tests.factories import ForceFactory

EXPECTED = {
    "North LPA": {"Colchester", "Tendring", "Braintree", "Uttlesford", "Chelmsford", "Maldon"},
    "South LPA": {"Basildon", "Southend", "Castle Point", "Rochford"},
    "West LPA": {"Harlow", "Epping Forest", "Brentwood", "Thurrock"},
}


def load(*args) -> str:
    out = io.StringIO()
    call_command("load_areas", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_shipped_areas_load_as_a_tree():
    output = load()
    force = Area.objects.get(kind=Area.Kind.FORCE)
    assert force.name == "Essex Police"
    lpas = {lpa.name: lpa for lpa in Area.objects.filter(kind=Area.Kind.LPA, parent=force)}
    assert {name: {d.name for d in lpa.children.all()} for name, lpa in lpas.items()} == EXPECTED
    assert Area.objects.count() == 1 + 3 + 14
    assert "18 created" in output


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("alias", "area"),
    [
        ("Saffron Waldon", "Uttlesford"),
        ("Saffron Walden", "Uttlesford"),
        ("Clacton", "Tendring"),
        ("Canvey Island", "Castle Point"),
    ],
)
def test_aliases_the_editions_use(alias, area):
    load()
    assert AreaAlias.objects.get(name=alias).area.name == area


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    load()
    before = (list(Area.objects.values_list()), list(AreaAlias.objects.values_list()))
    output = load()
    assert (list(Area.objects.values_list()), list(AreaAlias.objects.values_list())) == before
    assert "0 created, 0 updated, 0 aliases" in output


@pytest.mark.django_db
def test_a_moved_district_is_updated(tmp_path):
    load()
    data = json.loads(DEFAULT_AREAS_FILE.read_text())
    thurrock = data["lpas"][2]["districts"].pop()
    data["lpas"][1]["districts"].append(thurrock)
    path = tmp_path / "areas.json"
    path.write_text(json.dumps(data))
    assert "1 updated" in load(str(path))
    assert Area.objects.get(name="Thurrock").parent.name == "South LPA"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "not a JSON areas file"),
        ("[]", "expected a JSON object"),
        ('{"force": {"name": ""}, "lpas": []}', 'force: "name" must be a non-empty text'),
        ('{"force": {"name": "F"}, "lpas": []}', '"lpas" must be a non-empty list'),
        (
            '{"force": {"name": "F"}, "lpas": [{"name": "A", "districts": [{}]}]}',
            r"lpas\[1\]\.districts\[1\]",
        ),
        ('{"force": {"name": "F"}, "lpas": [{"name": "A", "aliases": "x"}]}', "list of names"),
        (
            '{"force": {"name": "F"}, "lpas": [{"name": "A", "aliases": ["' + "x" * 121 + '"]}]}',
            'lpas\\[1\\] "A": the alias "x{40}…" is too long',
        ),
    ],
)
def test_bad_files_say_what_is_wrong_and_load_nothing(tmp_path, content, message):
    path = tmp_path / "areas.json"
    path.write_text(content)
    with pytest.raises(CommandError, match=message):
        load(str(path))
    assert not Area.objects.exists()


@pytest.mark.django_db
def test_missing_file():
    with pytest.raises(CommandError, match="no such file"):
        load("/nonexistent/areas.json")


@pytest.mark.django_db
def test_a_folder_is_not_an_areas_file(tmp_path):
    with pytest.raises(CommandError, match="cannot be read"):
        load(str(tmp_path))


@pytest.mark.django_db
def test_a_second_force_is_refused():
    ForceFactory(name="Demo Police")
    with pytest.raises(AreasFileError, match='already holds the force "Demo Police"'):
        areas_load(data=json.loads(DEFAULT_AREAS_FILE.read_text()))
    assert Area.objects.count() == 1


@pytest.mark.django_db
def test_an_alias_may_not_be_another_areas_name():
    data = {"force": {"name": "F"}, "lpas": [{"name": "A", "aliases": ["B"]}, {"name": "B"}]}
    areas_load(data={"force": {"name": "F"}, "lpas": [{"name": "B"}]})
    with pytest.raises(AreasFileError, match='"B" is already the name of an area'):
        areas_load(data=data)


@pytest.mark.django_db
def test_populations_load_with_their_source_and_year():
    data = {
        "force": {"name": "F", "population": {"residents": 300, "source": "Census", "year": 2021}},
        "lpas": [{"name": "A", "districts": [{"name": "D", "population": {"residents": 120}}]}],
    }
    areas_load(data=data)
    force, district = Area.objects.get(name="F"), Area.objects.get(name="D")
    assert (force.population, force.population_source, force.population_year) == (
        300,
        "Census",
        2021,
    )
    assert (district.population, district.population_source, district.population_year) == (
        120,
        "",
        None,
    )
    assert Area.objects.get(name="A").population is None  # not given: left unset


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("population", "message"),
    [
        (120, 'lpas\\[1\\] "A": "population" must be an object'),
        ({"residents": 0}, '"residents" must be a whole number above zero'),
        ({"residents": "many"}, '"residents" must be a whole number above zero'),
        ({"residents": 5, "year": "2020"}, '"year" must be a year such as 2020'),
        ({"residents": 5, "year": 20}, '"year" 20 is not a plausible year'),
        ({"residents": 5, "source": "x" * 201}, '"source" must be a text of 200 characters'),
    ],
)
def test_a_bad_population_says_where_and_loads_nothing(population, message):
    data = {"force": {"name": "F"}, "lpas": [{"name": "A", "population": population}]}
    with pytest.raises(AreasFileError, match=message):
        areas_load(data=data)
    assert not Area.objects.exists()
