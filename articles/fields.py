import contextlib
import posixpath

from django import forms
from django.core.files.base import ContentFile
from django.db import models
from django.db.models.fields.files import ImageFieldFile

from articles import images
from articles.sanitize import clean_html


class SanitizedHTMLField(models.TextField):
    """A TextField whose value is cleaned on every write.

    ``pre_save`` covers ``save()`` and ``bulk_create()`` (and updates the instance, so
    what the caller holds is what was stored); ``get_prep_value`` covers
    ``QuerySet.update()``. Admin, ``seed_demo``, imports and the shell all pass here.
    """

    def pre_save(self, model_instance, add):
        value = clean_html(getattr(model_instance, self.attname) or "")
        setattr(model_instance, self.attname, value)
        return value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return clean_html(value) if isinstance(value, str) else value


class LibraryImageFormField(forms.FileField):
    """The upload box for library photos: judged by ``articles.images.prepare`` only.

    Django's own ``forms.ImageField`` would first let Pillow try every decoder it has;
    this one never does.
    """

    default_error_messages = {
        "empty": images.ERRORS["empty"],
        "invalid": "파일을 받지 못했습니다. 다시 골라 주세요.",
        "missing": "파일을 받지 못했습니다. 다시 골라 주세요.",
        "required": "사진 파일을 골라 주세요.",
    }

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is not None:
            images.prepare(upload)
        return upload

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = "image/jpeg,image/png,image/webp,image/gif"
        return attrs


class LibraryImageFieldFile(ImageFieldFile):
    def save(self, name, content, save=True):
        # The one door to storage: whatever the path (form, shell, seed_demo calling
        # file.save()), the bytes stored are the cleaned re-encoding, never the upload.
        # prepare() raises before anything is written, so a refused file leaves nothing.
        prepared = images.prepare(content)
        stem = posixpath.splitext(posixpath.basename(name or ""))[0] or "photo"
        self.instance.width, self.instance.height = prepared.size
        clean = ContentFile(prepared.encode_master())
        name = self.field.generate_filename(self.instance, f"{stem}.{prepared.extension}")
        try:
            self.name = self.storage.save(name, clean, max_length=self.field.max_length)
        except OSError as exc:
            # FileSystemStorage writes in place: a disk that fills up halfway leaves the
            # first chunks under the final name. Names are random, so ``name`` is ours.
            with contextlib.suppress(OSError):
                if self.storage.exists(name):
                    self.storage.delete(name)
            raise images.storage_failed(exc) from exc
        setattr(self.instance, self.field.attname, self.name)
        self._committed = True
        # Image.save() makes the renditions from these pixels instead of decoding again,
        # and deletes this file if the row cannot be written.
        self.instance._prepared_upload = prepared
        self.instance._new_master_name = self.name
        if save:
            self.instance.save()


class LibraryImageField(models.ImageField):
    """A photo-library file: validated by content, stored clean, sized after orientation.

    No ``width_field``/``height_field``: Django would measure the raw upload (every
    decoder allowed, EXIF rotation ignored); the model's width and height are set from
    the cleaned, upright picture instead.
    """

    attr_class = LibraryImageFieldFile
    default_validators = [images.validate_upload]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": LibraryImageFormField, **kwargs})
