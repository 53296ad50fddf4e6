"""A 기사제보 with errors (issue 14): the form comes back on the shared field layout with
what was typed, each Korean error right after its own box, a note that the photos must be
chosen again (a browser never refills a file box), and a token that will be accepted."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from intake import spam
from intake.models import Tip
from tests.factories import jpeg_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_wait(settings):
    settings.TIP_MIN_SECONDS = 0


def _box(html, field_id):
    """The input (or textarea, up to its closing tag) with ``id``, and what follows it."""
    found = re.search(
        rf'<(input|textarea)\b[^>]*\bid="{field_id}"[^>]*>(?:[^<]*</textarea>)?', html
    )
    assert found, field_id
    return found[0], html[found.end() :].lstrip()


def _error_right_after(html, field_id, message):
    box, after = _box(html, field_id)
    if 'type="checkbox"' in box:  # the box, its label on the same line, then the error
        label = re.match(rf'<label for="{field_id}">[^<]*</label></div>\s*', after)
        assert label, after[:120]
        after = after[label.end() :]
    assert 'aria-invalid="true"' in box, box
    assert f"{field_id}_error" in re.search(r'aria-describedby="([^"]*)"', box)[1]
    assert after.startswith(f'<ul class="errorlist" id="{field_id}_error">'), after[:120]
    assert message in after.split("</ul>")[0]


def test_errors_sit_under_their_own_boxes_and_the_text_is_kept(client, media_root):
    photo = SimpleUploadedFile("a.jpg", jpeg_bytes(), content_type="image/jpeg")
    response = client.post(
        "/tip/",
        {
            "name": "시흥시민",
            "contact": "   ",
            "text": "정왕동 도로가 <파였>습니다.",
            "photos": [photo],
            "token": spam.make_token(),
            "website": "",
        },
    )
    assert response.status_code == 200 and not Tip.objects.exists()
    html = response.content.decode()
    _error_right_after(html, "id_contact", "연락받을 전화번호나 이메일을 적어 주세요.")
    _error_right_after(html, "id_consent", "개인정보 수집·이용에 동의해야 제보할 수 있습니다.")
    # Kept as typed (and escaped); the fields without errors are not marked.
    name_box, after_name = _box(html, "id_name")
    assert 'value="시흥시민"' in name_box and "aria-invalid" not in name_box
    assert not after_name.startswith('<ul class="errorlist"')
    text_box, _ = _box(html, "id_text")
    assert "정왕동 도로가 &lt;파였&gt;습니다." in text_box and "aria-invalid" not in text_box
    # The photo cannot be kept: the page says so, under the photo box.
    assert "보내신 사진 1장은 다시 골라 주세요." in html
    assert html.index('data-field-note="photos"') > html.index('id="id_photos"')
    # Korean labels, help and the summary at the top; the shared layout's classes.
    assert len(re.findall(r'<div class="form-field[ "]', html)) == 5
    assert "고칠 곳이 있습니다" in html and "전화번호나 이메일. 편집국만 보며" in html
    assert spam.token_ok(re.search(r'name="token" value="([^"]+)"', html)[1])


def test_the_first_showing_has_no_errors_and_no_photo_note(client):
    html = client.get("/tip/").content.decode()
    assert "errorlist" not in html and "aria-invalid" not in html
    assert "다시 골라 주세요" not in html and "고칠 곳이 있습니다" not in html
    assert '<input type="checkbox" name="consent"' in html


def test_without_photos_there_is_no_photo_note(client):
    html = client.post("/tip/", {"contact": "", "token": spam.make_token()}).content.decode()
    assert "제보 내용을 적어 주세요." in html and "다시 골라 주세요" not in html


def test_a_forged_token_is_said_at_the_top_and_a_fresh_one_given(client):
    html = client.post(
        "/tip/", {"contact": "010-1", "text": "내용", "consent": "on", "token": "forged"}
    ).content.decode()
    alert = html[html.index("data-tip-errors") :].split("</div>")[0]
    assert "너무 빨리" in alert
    assert spam.token_ok(re.search(r'name="token" value="([^"]+)"', html)[1])
    assert 'value="010-1"' in html
