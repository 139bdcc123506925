"""The SVG charts and network picture: well-formed, accessible, and hostile labels stay text."""

import xml.etree.ElementTree as ElementTree
from datetime import date

import pytest

from ayni.insights.analytics import _svg
from ayni.insights.analytics.charts import bar_chart, line_chart, month_label, stacked_bar_chart
from ayni.insights.analytics.network import Connection, Member, network_svg

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '</text><script>alert("x")</script>\x01\x0b" onload="alert(1)" & <b>'
MONTHS = [date(2025, month, 1) for month in range(1, 13)]


def parse(svg):
    root = ElementTree.fromstring(svg)  # noqa: S314 - our own output, parsed to check it
    assert root.tag == f"{SVG}svg"
    return root


def all_text(root):
    return " ".join(" ".join(element.itertext()) for element in root.iter(f"{SVG}text"))


def assert_accessible(root, title):
    assert root.get("role") == "img"
    assert root.get("aria-label") == title
    children = list(root)
    assert children[0].tag == f"{SVG}title" and children[0].text == title
    assert children[1].tag == f"{SVG}desc" and children[1].text


def assert_inert(root, svg):
    tags = {element.tag for element in root.iter()}
    assert f"{SVG}script" not in tags and f"{SVG}foreignObject" not in tags
    assert not [name for element in root.iter() for name in element.attrib if name.lower().startswith("on")]
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "@import" not in svg and "<style" not in svg


def every_chart(label):
    return {
        "line": line_chart(MONTHS, [(label, list(range(12))), ("other", [None] * 12)], title=label, y_label=label, x_label=label),
        "bar": bar_chart([(label, 4), ("b", None)], title=label, value_label=label),
        "stacked": stacked_bar_chart([(label, [1, 2])], [label, "b"], title=label, value_label=label),
        "network": network_svg([Member(1, label), Member(2, "b")], [Connection(1, 2)], title=label, subgroup_labels={label: label}),
    }


@pytest.mark.parametrize("kind", ["line", "bar", "stacked", "network"])
def test_each_picture_is_well_formed_and_labelled_for_screen_readers(kind):
    svg = every_chart("Relaciones activas")[kind]
    root = parse(svg)
    assert_accessible(root, "Relaciones activas")
    assert_inert(root, svg)


@pytest.mark.parametrize("kind", ["line", "bar", "stacked", "network"])
def test_a_hostile_label_stays_text(kind):
    svg = every_chart(HOSTILE)[kind]
    root = parse(svg)
    assert_inert(root, svg)
    visible = HOSTILE.replace("\x01", "").replace("\x0b", "")
    assert root.get("aria-label") == visible
    assert root[0].text == visible
    if kind != "network":  # the network legend shortens long labels
        assert visible in all_text(root)


def test_line_chart_leaves_a_gap_for_hidden_months():
    values = [1, 2, None, 4, 5, 6, 7, None, None, 10, 11, 12]
    root = parse(line_chart(MONTHS, [("Sessions", values)], title="Sessions"))
    assert len(list(root.iter(f"{SVG}polyline"))) == 3


def test_line_chart_series_differ_by_dash_and_marker_not_only_colour():
    root = parse(line_chart(MONTHS, [("a", list(range(12))), ("b", list(range(12, 0, -1)))], title="t"))
    dashes = [line.get("stroke-dasharray") for line in root.iter(f"{SVG}polyline")]
    assert dashes[0] is None and dashes[1]
    markers = [path.get("d") for path in root.iter(f"{SVG}path") if path.get("stroke") == "#ffffff"]
    assert markers[0][:12] != markers[1][:12]


def test_line_chart_describes_itself_in_spanish():
    root = parse(line_chart(MONTHS, [("Relaciones activas", [float(m) for m in range(12)])], title="Relaciones", language="es"))
    description = list(root)[1].text
    assert description.startswith("Valores mensuales de ene 2025 a dic 2025.")
    assert "Relaciones activas: 0 en ene 2025, 11 en dic 2025." in description
    assert "dic" in all_text(root)


def test_line_chart_without_values_says_so():
    root = parse(line_chart(MONTHS, [("a", [None] * 12)], title="t", language="es"))
    assert "Sin datos" in all_text(root)


def test_line_chart_refuses_series_of_the_wrong_length():
    with pytest.raises(ValueError, match="values for 12 months"):
        line_chart(MONTHS, [("a", [1, 2])], title="t")


def test_bar_chart_writes_values_and_marks_hidden_ones():
    root = parse(bar_chart([("Duelo", 20000), ("Quechua", None)], title="t", language="es"))
    text = all_text(root)
    assert "20.000" in text and "oculto" in text
    assert len(list(root.iter(f"{SVG}rect"))) == 2  # background and one bar


def test_stacked_bars_use_patterns_as_well_as_colours_and_can_show_shares():
    svg = stacked_bar_chart([("Inicio", [1, 3]), ("Cierre", [2, None])], ["Baja", "Alta"], title="t", as_share=True, language="es")
    root = parse(svg)
    patterns = list(root.iter(f"{SVG}pattern"))
    assert len(patterns) == 2 and patterns[1].find(f"{SVG}path") is not None
    fills = {rect.get("fill") for rect in root.iter(f"{SVG}rect")}
    assert {f"url(#{pattern.get('id')})" for pattern in patterns} <= fills
    text = all_text(root)
    assert "25 %" in text and "75 %" in text and "oculto" in text


def test_stacked_bars_refuse_rows_of_the_wrong_length():
    with pytest.raises(ValueError, match="segments"):
        stacked_bar_chart([("a", [1])], ["x", "y"], title="t")


def test_network_picture_labels_subgroups_with_shapes_and_counts_but_no_ids():
    members = [Member("secret-id-1", "north"), Member("secret-id-2", "south"), Member("secret-id-3", None)]
    svg = network_svg(members, [Connection("secret-id-1", "secret-id-2")], title="Red", subgroup_labels={"north": "Norte"}, language="es")
    root = parse(svg)
    assert "secret-id" not in svg
    groups = [group for group in root.iter(f"{SVG}g") if group.find(f"{SVG}title") is not None]
    assert [group.find(f"{SVG}title").text for group in groups] == ["Norte", "south", "Sin subgrupo"]
    text = all_text(root)
    assert "Norte (1 personas)" in text and "Sin subgrupo (1 personas)" in text
    assert "Sin conexiones todavía" in text
    shapes = {path.get("d")[:1] + str(path.get("d").count("L")) + str(path.get("d").count("a")) for group in groups for path in group.iter(f"{SVG}path")}
    assert len(shapes) == 3
    assert "2 con al menos una conexión" in list(root)[1].text


def test_network_picture_can_reuse_a_layout():
    members = [Member(1, "a"), Member(2, "a")]
    positions = {1: (0.0, 0.0), 2: (1.0, 1.0)}
    root = parse(network_svg(members, [Connection(1, 2)], title="t", positions=positions))
    line = next(root.iter(f"{SVG}line"))
    assert float(line.get("x1")) < float(line.get("x2"))


def test_numbers_are_written_the_spanish_or_english_way():
    assert _svg.format_value(20000, "es") == "20.000"
    assert _svg.format_value(3.5, "es") == "3,5"
    assert _svg.format_value(1234.5, "en-gb") == "1,234.5"
    assert month_label(date(2026, 8, 1), "es") == "ago 2026"


def test_nice_ticks_cover_the_range_with_round_steps():
    assert _svg.nice_ticks(0, 52) == [0, 20, 40, 60]
    assert _svg.nice_ticks(1, 5) == [1, 2, 3, 4, 5]
    assert _svg.nice_ticks(0, 0) == [0, 0.25, 0.5, 0.75, 1]
