"""Driving Django's admin widgets as a person does: select2 autocompletes, inline rows,
split date/time fields."""

from __future__ import annotations

from django.utils import timezone


def pick(page, field_id: str, typed: str, choice: str):
    """Open the autocomplete of the select ``field_id``, type, and click ``choice``."""
    page.locator(f"#{field_id}").locator("xpath=following-sibling::span[1]").click()
    page.locator(".select2-container--open .select2-search__field").fill(typed)
    page.locator(".select2-results__option", has_text=choice).first.click()


def add_inline_row(page, prefix: str) -> int:
    """Click the inline's 'add another' link; the new row's index."""
    total = page.locator(f"#id_{prefix}-TOTAL_FORMS")
    before = int(total.input_value())
    page.locator(f"#{prefix}-group .add-row a").click()
    assert int(total.input_value()) == before + 1
    return before


def fill_datetime(page, name: str, moment):
    local = timezone.localtime(moment)
    page.fill(f"#id_{name}_0", local.strftime("%Y-%m-%d"))
    page.fill(f"#id_{name}_1", local.strftime("%H:%M:%S"))
