"""The body editor's schema writes only what the server's allowlist keeps, and the
allowlist keeps nothing the editor cannot show (articles/prose.py vs articles/sanitize.py)."""

from articles.prose import BODY_EXTENSIONS, editor_vocabulary
from articles.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS

# Stored by older bodies and pastes, read by the editor as another spelling: <b>/<i> as
# strong/em; a figure's <figcaption> is the library's caption, re-rendered for readers
# (articles/body.py).
READ_NOT_WRITTEN = {"b", "i", "figcaption"}
# Attributes the package's processors list that nh3 drops on purpose: rel comes from
# nh3's link_rel, an ordered list's number style is the site's stylesheet's business.
DROPPED_ON_SAVE = {"a": {"rel"}, "ol": {"type", "data-type"}}


def test_every_tag_the_editor_writes_is_allowed_and_vice_versa():
    written = editor_vocabulary()["tags"]
    assert written <= ALLOWED_TAGS, written - ALLOWED_TAGS
    assert ALLOWED_TAGS - written == READ_NOT_WRITTEN


def test_every_attribute_the_editor_writes_is_allowed():
    for tag, attributes in editor_vocabulary()["attributes"].items():
        kept = ALLOWED_ATTRIBUTES.get(tag, set()) | DROPPED_ON_SAVE.get(tag, set())
        assert attributes <= kept, (tag, attributes - kept)


def test_library_and_video_references_are_written_in_the_stored_form():
    attributes = editor_vocabulary()["attributes"]
    assert {"data-image-id", "data-video"} <= attributes["figure"]
    assert attributes["img"] == {"data-image-id", "alt"}  # never src: the id is the reference
    assert attributes["iframe"] <= ALLOWED_ATTRIBUTES["iframe"]


def test_headings_are_the_three_levels_under_the_headline():
    assert BODY_EXTENSIONS["Heading"] == {"levels": [2, 3, 4]}
    assert {"h1", "h5", "h6"}.isdisjoint(ALLOWED_TAGS)
