from association.markdown import render_markdown


def test_raw_html_is_shown_as_text_never_run():
    html = render_markdown('<script>alert(1)</script>\n\n<a href="x" onclick="y">z</a>')
    assert "<script" not in html and '<a href="x"' not in html
    assert "&lt;script&gt;" in html and '&lt;a href="x" onclick="y"&gt;z' in html


def test_links_keep_only_safe_schemes_and_get_rel():
    html = render_markdown(
        "[bad](javascript:alert(1)) [good](https://gov.kz) [mail](mailto:a@b.kz) [here](/kk/about/)"
    )
    assert 'href="javascript' not in html
    assert '<a href="https://gov.kz" rel="noopener noreferrer">good</a>' in html
    assert 'href="mailto:a@b.kz"' in html and 'href="/kk/about/"' in html


def test_images_are_not_rendered():
    """A picture from another host would be a third-party request (P03)."""
    html = render_markdown("![logo](https://tracker.example/pixel.png)")
    assert "<img" not in html


def test_headings_start_at_h2_without_gaps():
    html = render_markdown("# One\n\n### Two\n\n###### Three")
    assert "<h2>One</h2>" in html and "<h3>Two</h3>" in html and "<h4>Three</h4>" in html
    assert "<h1" not in html


def test_lists_tables_and_emphasis():
    html = render_markdown("- **a**\n- *b*\n\n| x | y |\n|:-:|---|\n| 1 | 2 |")
    assert "<li><strong>a</strong></li>" in html and "<em>b</em>" in html
    assert "<table>" in html and "<td>1</td>" in html
    assert "style=" not in html  # the CSP allows no inline style


def test_empty_text_renders_nothing():
    assert render_markdown("") == "" and render_markdown("   \n") == ""
