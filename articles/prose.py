"""The body editor's vocabulary: ProseMirror (through django-prose-editor) configured to
write only what ``articles.sanitize`` keeps.

``BODY_EXTENSIONS`` is the editor's whole schema, handed to the browser as the widget's
configuration (``articles.widgets.RichTextWidget``); ``static/articles/body-editor.js``
builds the editor from it. The server's nh3 allowlist stays the only sanitizer;
``editor_vocabulary()`` says which tags and attributes this schema can write, so a test
(tests/articles/test_prose_schema.py) holds the two together.
"""

from __future__ import annotations

from django_prose_editor.config import EXTENSION_MAPPING, expand_extensions, html_tags

BODY_EXTENSIONS = {
    "Heading": {"levels": [2, 3, 4]},
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "HardBreak": True,
    # The server adds rel="noopener noreferrer" (nh3 link_rel); no target, no new window.
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "Table": True,  # ours in body-editor.js: the package's, with a Korean insert dialog
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    # Ours (static/articles/body-editor.js): library photos as references, video players.
    "LibraryFigure": True,
    "VideoEmbed": True,
    # Word, 한글 and Docs lists and headings, before ProseMirror reads a paste.
    "PasteCleanup": True,
    "Menu": {
        "groups": [
            {"group": "blockType -lists", "type": "dropdown", "minItems": 2},
            {"group": "lists"},
            {"group": "nodes -blockType -lists"},
            {"group": "marks"},
            {"group": "link"},
            {"group": "newsroom"},
            {"group": "table"},
            {"group": "history"},
        ]
    },
}

# What our own nodes write (their renderHTML in body-editor.js).
NEWSROOM_EXTENSIONS = {
    "LibraryFigure": html_tags(
        ["figure", "img"], {"figure": ["data-image-id"], "img": ["data-image-id", "alt"]}
    ),
    "VideoEmbed": html_tags(
        ["figure", "iframe"],
        {"figure": ["data-video"], "iframe": ["src", "title", "allowfullscreen"]},
    ),
    "PasteCleanup": html_tags([]),
}


def editor_vocabulary() -> dict:
    """Tags and attributes the configured editor can write, from the package's own
    per-extension rules (``django_prose_editor.config``) plus ours."""
    processors = EXTENSION_MAPPING | NEWSROOM_EXTENSIONS
    vocabulary = {"tags": set(), "attributes": {}}
    for name, config in expand_extensions(BODY_EXTENSIONS).items():
        processors[name](config, vocabulary)
    return vocabulary
