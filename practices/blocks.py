"""StreamField blocks for practice, pilot result and standard page bodies."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

BODY_IMAGE_RENDITION = "width-800"
RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class PrefetchingImageChooserBlock(ImageChooserBlock):
    """Image chooser that loads every image of a stream and its body rendition in two queries,
    so a page with five images costs the same as a page with one."""

    def bulk_to_python(self, values):
        ids = [v for v in values if v is not None]
        images = self.model_class.objects.filter(pk__in=ids).prefetch_renditions(
            BODY_IMAGE_RENDITION
        ).in_bulk()
        return [images.get(v) for v in values]


class ParagraphBlock(blocks.RichTextBlock):
    """Formatted text: headings, lists, links."""

    def __init__(self, **kwargs):
        super().__init__(features=RICH_TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        template = "practices/blocks/paragraph.html"
        preview_value = "<p>The village shop reopened as a cooperative run by 120 residents.</p>"
        description = _("A block of formatted text")


class ImageWithCaptionBlock(blocks.StructBlock):
    """An image with alternative text, caption and credit."""

    image = PrefetchingImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=200, required=False,
        help_text=_("Describe the image for people who cannot see it; leave empty if decorative."),
    )
    caption = blocks.CharBlock(max_length=250, required=False)
    credit = blocks.CharBlock(max_length=120, required=False)

    class Meta:
        icon = "image"
        template = "practices/blocks/image.html"
        description = _("An image with a caption")


class QuoteBlock(blocks.StructBlock):
    """A quotation from a resident, an elected official or a partner."""

    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(max_length=150, required=False)

    class Meta:
        icon = "openquote"
        template = "practices/blocks/quote.html"
        preview_value = {"quote": "The bench made hitch-hiking feel safe again.",
                         "attribution": "Mayor of Saint-Véran"}
        description = _("A quotation with its author")


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(max_length=30)
    unit = blocks.CharBlock(max_length=30, required=False)
    label = blocks.CharBlock(max_length=120)


class KeyFiguresBlock(blocks.StructBlock):
    """A row of headline figures (value, unit, label)."""

    figures = blocks.ListBlock(KeyFigureBlock(), min_num=1, max_num=6)

    class Meta:
        icon = "table"
        template = "practices/blocks/key_figures.html"
        preview_value = {"figures": [{"value": "42", "unit": "", "label": "benches installed"}]}
        description = _("Headline figures")


class DocumentLinkBlock(blocks.StructBlock):
    """A link to a downloadable document (report, leaflet, template)."""

    document = DocumentChooserBlock()
    title = blocks.CharBlock(max_length=200, required=False,
                             help_text=_("Defaults to the document's title."))

    class Meta:
        icon = "doc-full"
        template = "practices/blocks/document.html"
        description = _("A downloadable document")


class VideoBlock(blocks.StructBlock):
    """An embedded video; falls back to a plain link when the provider cannot be reached."""

    video = EmbedBlock(help_text=_("URL of a video (PeerTube, Vimeo, YouTube…)"))
    caption = blocks.CharBlock(max_length=250, required=False)

    class Meta:
        icon = "media"
        template = "practices/blocks/video.html"
        description = _("An embedded video")


class BodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    image = ImageWithCaptionBlock()
    quote = QuoteBlock()
    key_figures = KeyFiguresBlock()
    document = DocumentLinkBlock()
    video = VideoBlock()
