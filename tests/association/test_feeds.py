import pytest

from tests.atom import entries, validate_atom

from .factories import NewsPostFactory

pytestmark = pytest.mark.django_db


def test_news_feed_is_valid_atom_of_the_posts_written_in_its_language(client):
    NewsPostFactory(
        slug="all", title_en="Tariff & fees", title_ru="Тариф", summary_en="Less <than> before."
    )
    NewsPostFactory(
        slug="ru-only", title_kk="", body_kk="", title_en="", body_en="", title_ru="Только здесь"
    )
    NewsPostFactory(slug="draft", title_en="Draft", is_published=False)
    response = client.get("/en/news/feed/")
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    root = validate_atom(response.content)
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    (entry,) = entries(root)
    assert entry["title"] == "Tariff & fees"  # plain text, not escaped twice
    assert entry["link"] == "http://testserver/en/news/all/"
    assert entry["summary"] == "Less &lt;than&gt; before."  # the plain summary, as HTML
    assert "<strong>text</strong>" in entry["content"]
    russian = entries(validate_atom(client.get("/ru/news/feed/").content))
    assert {e["title"] for e in russian} == {"Тариф", "Только здесь"}


def test_an_empty_feed_is_valid_and_stable(client):
    first = client.get("/kk/news/feed/")
    validate_atom(first.content)
    assert client.get("/kk/news/feed/").content == first.content


def test_feed_has_last_modified_and_answers_a_conditional_get_with_304(client):
    NewsPostFactory()
    response = client.get("/en/news/feed/")
    assert response["Last-Modified"] and response["ETag"]
    again = client.get("/en/news/feed/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    since = client.get("/en/news/feed/", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert since.status_code == 304


def test_a_new_post_changes_the_feed_at_once(client):
    NewsPostFactory(title_en="First")
    etag = client.get("/en/news/feed/")["ETag"]
    NewsPostFactory(title_en="Second")
    response = client.get("/en/news/feed/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and "Second" in response.content.decode()
