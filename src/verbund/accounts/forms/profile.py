"""The own profile: person data with per-field visibility, photo, and the language."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.forms.models import fields_for_model, model_to_dict
from django.utils.translation import gettext_lazy as _

from verbund.members.models import Person

PERSON_FIELDS = (
    "first_name",
    "last_name",
    "function",
    "email",
    "email_visibility",
    "phone",
    "phone_visibility",
    "mobile",
    "mobile_visibility",
    "languages",
    "expertise",
)
MAX_PHOTO_BYTES = 2 * 1024 * 1024
# What every browser shows; Pillow would read more (TIFF, PSD, ...), which nobody could see.
PHOTO_FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}


class PhotoField(forms.ImageField):
    """An image upload of at most 2 MB in a format browsers show."""

    default_error_messages = {
        "invalid_image": _(
            "This file is not an image. Please upload a JPEG, PNG, GIF or WebP photo."
        ),
    }

    def to_python(self, data: Any) -> Any:
        # Check the size before Pillow reads the file.
        if data and getattr(data, "size", 0) > MAX_PHOTO_BYTES:
            raise ValidationError(
                _("The photo is larger than 2 MB. Please upload a smaller one."), code="too_large"
            )
        image = super().to_python(data)
        if image is not None and image.image.format not in PHOTO_FORMATS:
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image")
        return image


class ProfileForm(forms.Form):
    """A person's own profile. A plain form (not a ModelForm) so the person in memory stays
    as it is until the service saves it; the fields come from the model."""

    photo = PhotoField(
        label=_("New photo"),
        required=False,
        help_text=_("JPEG, PNG, GIF or WebP, at most 2 MB."),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}),
    )
    remove_photo = forms.BooleanField(label=_("Remove my photo"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person_fields = fields_for_model(
            Person,
            fields=PERSON_FIELDS,
            widgets={"expertise": forms.Textarea(attrs={"rows": 4})},
        )
        self.fields = {**person_fields, **self.fields}

    @classmethod
    def for_person(cls, person: Person, data: Any = None, files: Any = None) -> ProfileForm:
        """The form filled with the person's current values (and the posted ones)."""
        return cls(data, files, initial=model_to_dict(person, fields=PERSON_FIELDS))

    def changes(self, person: Person) -> dict[str, Any]:
        """The changed fields as the service takes them; the photo named by the person's code."""
        data = {
            name: self.cleaned_data[name] for name in self.changed_data if name in PERSON_FIELDS
        }
        photo: UploadedFile | None = self.cleaned_data.get("photo")
        if photo is not None:
            # An opaque file name: the uploaded one may carry a name or a date.
            photo.name = f"{person.code}.{PHOTO_FORMATS[photo.image.format]}"
            data["photo"] = photo
        elif self.cleaned_data.get("remove_photo") and person.photo:
            data["photo"] = ""
        return data


class LanguageForm(forms.Form):
    """The language for pages and e-mails; the service says which ones exist."""

    language = forms.CharField(max_length=8)
    next = forms.CharField(required=False)
