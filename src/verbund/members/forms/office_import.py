"""The office's upload of a member list."""

from __future__ import annotations

from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

from verbund.common.forms import BootstrapMixin

MAX_UPLOAD = 5 * 1024 * 1024


class ImportUploadForm(BootstrapMixin, forms.Form):
    """A CSV or XLSX file with one company per row."""

    file = forms.FileField(
        label=_("Member list"),
        help_text=_("CSV (UTF-8, comma or semicolon) or XLSX, with a header row."),
        validators=[FileExtensionValidator(["csv", "xlsx"], _("Upload a CSV or XLSX file."))],
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self):  # type: ignore[no-untyped-def]
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload
