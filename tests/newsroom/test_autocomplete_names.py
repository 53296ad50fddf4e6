"""Every admin autocomplete says what it is for, even empty: select2 names its box by the
text it shows, so an empty one had no name for a screen reader (axe: aria-input-field-name)."""

import pytest

from tests.factories import make_article, make_editor

pytestmark = pytest.mark.django_db


def test_empty_autocompletes_on_the_story_and_banner_forms_show_what_to_look_for(client):
    story = make_article()
    client.force_login(make_editor())
    html = client.get(f"/admin/articles/article/{story.pk}/change/").content.decode()
    assert 'data-placeholder=""' not in html
    assert 'data-placeholder="섹션 찾기"' in html
    assert 'data-placeholder="관련기사 찾기"' in html
    banner_form = client.get("/admin/newsroom/banner/add/").content.decode()
    assert 'data-placeholder="이미지 찾기"' in banner_form
