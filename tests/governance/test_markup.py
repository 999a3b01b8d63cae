"""The Markdown dialect of the content files."""

import pytest

from governance import markup
from governance.content_loader import ContentError, sla_sections


def resolve(target):
    return f'href="{target}"'


def test_parse_recognises_every_element():
    source = """# 1 Kapittel

Første avsnitt
fortsetter her.

- punkt en
  fortsetter
- punkt to

1. første
2. andre

Oppetid
: Den tiden tjenesten er
  tilgjengelig.

::: prioritetstabell
"""
    elements = markup.parse(source)
    assert elements == [
        markup.Heading(1, "1 Kapittel"),
        markup.Paragraph("Første avsnitt fortsetter her."),
        markup.ItemList(False, ["punkt en fortsetter", "punkt to"]),
        markup.ItemList(True, ["første", "andre"]),
        markup.Definitions([("Oppetid", "Den tiden tjenesten er tilgjengelig.")]),
        markup.Directive("prioritetstabell"),
    ]


def test_inline_links_and_escaping():
    html = markup.inline_html("Se [kapitel 8](#8) & <mer>", resolve)
    assert html == 'Se <a href="#8">kapitel 8</a> &amp; &lt;mer&gt;'


def test_a_stray_line_in_a_list_is_an_error():
    with pytest.raises(ValueError):
        markup.parse("- punkt\nikke innrykket")


def test_sla_sections_group_text_and_keep_data_blocks():
    elements = markup.parse(
        "# 5 Support\n\n## 5.6 Prioritet\n\nTekst.\n\n- a\n\n::: prioritetstabell"
    )
    sections = sla_sections(elements, resolve)
    assert [s["value"]["number"] for s in sections] == ["5", "5.6"]
    assert sections[1]["value"]["content"] == [
        {"type": "paragraph", "value": "<p>Tekst.</p><ul><li>a</li></ul>"},
        {"type": "priority_table", "value": None},
    ]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("## 1 Feil nivå", "har feil nivå"),
        ("Tekst før overskrift", "må begynne med en nummerert overskrift"),
        ("# 1 A\n\n# 1 B", "Nummer 1 er brukt før."),
        ("# 1 A\n\n::: ukjent", "Ukjent direktiv"),
    ],
)
def test_sla_sections_refuse_malformed_sources(source, message):
    with pytest.raises(ContentError, match=message):
        sla_sections(markup.parse(source), resolve)
