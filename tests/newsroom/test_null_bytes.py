import pytest

from tests.factories import make_editor

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/search/?q=a%00b",
        "/section/politics/?page=%00",
        "/news/articleView.html?idxno=1%00",
        "/?x%00=1",
    ],
)
def test_a_nul_byte_in_the_query_is_a_korean_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "잘못된 요청입니다" in response.content.decode()


def test_admin_search_with_a_nul_byte_is_a_400_not_a_500(client):
    client.force_login(make_editor())
    assert client.get("/admin/articles/article/?q=%00").status_code == 400
