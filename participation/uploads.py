"""Uploads are checked by what they contain, not by their name."""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
# Office documents are zip files; what is inside tells them apart.
ZIP_TYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
}


def _size(upload, limit):
    if upload.size > limit:
        raise ValidationError(_("%(name)s is too large (%(size).1f MB; at most %(limit)d MB).")
                              % {"name": upload.name, "size": upload.size / 1e6,
                                 "limit": limit // 1_000_000})


def check_image(upload):
    """Returns the MIME type of a JPEG, PNG or WebP picture that Pillow can read."""
    _size(upload, settings.KB_UPLOAD_IMAGE_MAX_BYTES)
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            kind = image.format
            width, height = image.size
            if width * height > settings.KB_UPLOAD_IMAGE_MAX_PIXELS:
                raise ValidationError(_("%(name)s has too many pixels (%(w)d × %(h)d).")
                                      % {"name": upload.name, "w": width, "h": height})
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("%(name)s is not a picture we can read (JPEG, PNG or WebP).")
                              % {"name": upload.name}) from exc
    finally:
        upload.seek(0)
    if kind not in IMAGE_FORMATS:
        raise ValidationError(_("%(name)s is not a JPEG, PNG or WebP picture.")
                              % {"name": upload.name})
    return IMAGE_FORMATS[kind]


def check_document(upload):
    """Returns the MIME type of a PDF, ODT, DOCX or XLSX file, recognised by its content."""
    _size(upload, settings.KB_UPLOAD_DOCUMENT_MAX_BYTES)
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    refused = ValidationError(_("%(name)s is not a PDF, ODT, DOCX or XLSX document.")
                              % {"name": upload.name})
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if not head.startswith(b"PK\x03\x04"):
        raise refused
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                if ZIP_TYPES.get(mimetype) == "odt":
                    return mimetype
            if "word/document.xml" in names:
                return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            if "xl/workbook.xml" in names:
                return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    except zipfile.BadZipFile:
        pass
    finally:
        upload.seek(0)
    raise refused
