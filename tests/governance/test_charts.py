"""The report's charts: valid SVG a screen reader can name, with the same numbers as a table."""

import xml.etree.ElementTree as ET

from bs4 import BeautifulSoup

from governance.charts import Bar, Chart, Scale, render_chart
from governance.report_display import count_scale

SVG = "{http://www.w3.org/2000/svg}"


def chart(**changes):
    values = {
        "chart_id": "kundeservice",
        "title": "Andel innen fristen",
        "description": "Liggende stolper per prioritet.",
        "series": ["Svar innen svartid", "Løst innen løsningstid"],
        "rows": [
            ("Kritisk", [Bar(100.0, "100,0 %"), Bar(50.0, "50,0 %")]),
            ("Lav", [Bar(None, "ingen saker"), Bar(None, "ingen saker")]),
        ],
        "scale": Scale(0, 100, [(0, "0 %"), (50, "50 %"), (100, "100 %")]),
        "row_header": "Prioritet",
    }
    values.update(changes)
    return Chart(**values)


def parts(markup):
    page = BeautifulSoup(markup, "html.parser")
    svg = page.find("svg", class_="chart-image")
    return page, svg, ET.fromstring(str(svg))


def test_the_chart_is_well_formed_svg_named_by_its_title_and_description():
    page, svg, tree = parts(render_chart(chart()))
    assert tree.tag == f"{SVG}svg"
    assert svg["role"] == "img"
    assert svg["aria-labelledby"] == "kundeservice-title kundeservice-desc"
    assert tree.find(f"{SVG}title").text == "Andel innen fristen"
    assert tree.find(f"{SVG}title").get("id") == "kundeservice-title"
    assert tree.find(f"{SVG}desc").text == "Liggende stolper per prioritet."


def test_bars_are_as_long_as_their_values_and_carry_their_value_in_words():
    _, _, tree = parts(render_chart(chart()))
    bars = tree.findall(f"{SVG}rect")
    widths = [float(b.get("width")) for b in bars if b.get("y")]
    assert widths == [500.0, 250.0]  # 100 % and 50 % of the 500-unit plot
    texts = [t.text for t in tree.iter(f"{SVG}text")]
    assert "100,0 %" in texts and "50,0 %" in texts
    assert texts.count("ingen saker") == 2  # no bar, but said, not left blank


def test_the_numbers_are_a_real_table_behind_vis_tallene():
    page, _, _ = parts(render_chart(chart()))
    details = page.find("details", class_="chart-numbers")
    assert details.summary.get_text() == "Vis tallene"
    assert not details.has_attr("open")
    table = details.table
    assert table.caption.get_text() == "Andel innen fristen"
    assert [th.get_text() for th in table.thead.find_all("th")] == [
        "Prioritet",
        "Svar innen svartid",
        "Løst innen løsningstid",
    ]
    rows = [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in table.tbody("tr")]
    assert rows == [
        ["Kritisk", "100,0 %", "50,0 %"],
        ["Lav", "ingen saker", "ingen saker"],
    ]
    assert all(th["scope"] == "row" for th in table.tbody.find_all("th"))


def test_the_print_version_opens_the_table():
    page, _, _ = parts(render_chart(chart(), numbers_open=True))
    assert page.find("details").has_attr("open")


def test_two_series_differ_by_pattern_and_are_named_in_a_legend():
    page, _, tree = parts(render_chart(chart()))
    fills = {b.get("fill") for b in tree.findall(f"{SVG}rect") if b.get("y")}
    assert fills == {"#004b6b", "url(#kundeservice-hatch)"}
    assert tree.find(f".//{SVG}pattern").get("id") == "kundeservice-hatch"
    legend = [li.get_text(strip=True) for li in page.select(".chart-legend li")]
    assert legend == ["Svar innen svartid", "Løst innen løsningstid"]
    assert all(s["aria-hidden"] == "true" for s in page.select(".chart-legend svg"))


def test_one_series_has_no_legend_and_a_target_is_drawn_and_labelled():
    one = chart(
        series=["Oppetid"],
        rows=[("E-post", [Bar(99.5, "99,50 % (ikke nådd)")])],
        scale=Scale(99, 100, [(99, "99 %"), (100, "100 %")]),
        target=(99.8, "Mål 99,8 %"),
    )
    page, _, tree = parts(render_chart(one))
    assert page.find(class_="chart-legend") is None
    assert [r.get("width") for r in tree.findall(f"{SVG}rect")] == ["250.0"]
    target = [line for line in tree.findall(f"{SVG}line") if line.get("stroke-dasharray")]
    assert [line.get("x1") for line in target] == ["400.0"]
    assert "Mål 99,8 %" in [t.text for t in tree.iter(f"{SVG}text")]


def test_labels_are_escaped():
    page, _, tree = parts(
        render_chart(chart(rows=[("<b>Lav & høy</b>", [Bar(1, "1"), Bar(2, "2")])]))
    )
    assert "<b>Lav & høy</b>" in [t.text for t in tree.iter(f"{SVG}text")]
    assert page.find("b") is None


def test_count_scales_end_on_a_round_number():
    assert count_scale(0).high == 1
    assert count_scale(7).high == 8
    assert [v for v, _ in count_scale(7).ticks] == [0, 2, 4, 6, 8]
    assert count_scale(37).high == 40
    assert count_scale(1234).ticks[-1] == (1500, "1\u00a0500")
