"""Journey 4: an editor uploads a banner picture, puts it in a slot with an end time; a
reader sees it, clicks it and lands on the advertiser's page; after the end time it is
gone."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from newsroom.models import Banner, BannerClick
from tests.factories import jpeg_bytes, make_editor
from tests.journeys.admin import fill_datetime, pick
from tests.journeys.data import build_paper

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_editor_puts_up_a_banner_until_its_end_time(site, move_clock, tmp_path):
    paper = build_paper(banners=False)
    # The advertiser's page: one of ours, since tests reach nothing outside the live server
    # (and Playwright cannot answer for another site after a redirect).
    target = site.url + paper.others[2].get_absolute_url()
    make_editor("desk-choi")
    page = site.page("desktop")
    site.log_in(page, "desk-choi")

    upload = tmp_path / "gaetgol.jpg"
    upload.write_bytes(jpeg_bytes(size=(600, 500), color=(200, 90, 40)))
    site.open(page, "/admin/articles/image/add/")
    page.set_input_files("#id_file", str(upload))
    page.fill("#id_alt_text", "시흥갯골축제 배너")
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/articles/image/")
    site.check(page)

    ends = (timezone.now() + timedelta(hours=2)).replace(microsecond=0)
    site.open(page, "/admin/newsroom/banner/add/")
    page.fill("#id_name", "갯골축제 9월")
    page.select_option("#id_slot", "sidebar-1")
    pick(page, "id_image", "갯골축제", "시흥갯골축제 배너")
    page.fill("#id_alt_text", "시흥갯골축제 9월 개막")
    page.fill("#id_url", target)
    fill_datetime(page, "ends_at", ends)
    site.shoot(page, "admin-banner-form-filled")
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/newsroom/banner/")
    site.check(page)
    banner = Banner.objects.get(name="갯골축제 9월")
    assert banner.ends_at == ends

    reader = site.context("phone")
    home = reader.new_page()
    site.open(home, paper.story.get_absolute_url())
    link = home.locator('[data-banner-slot="sidebar-1"] a.banner')
    link.scroll_into_view_if_needed()
    expect(link).to_be_visible()
    assert link.locator("img").get_attribute("alt") == "시흥갯골축제 9월 개막"
    site.shoot(home, "banner-live")
    with reader.expect_page() as opened:
        link.click()
    landed = opened.value
    landed.wait_for_load_state("load")
    assert landed.url == target
    assert landed.locator("h1.story__headline").inner_text() == paper.others[2].headline
    assert BannerClick.objects.get(banner=banner).count == 1
    landed.close()

    move_clock(ends + timedelta(seconds=1))
    site.open(home, paper.story.get_absolute_url())
    assert home.locator('[data-banner-slot="sidebar-1"]').count() == 0
    assert home.locator(f'a[data-banner-id="{banner.pk}"]').count() == 0
