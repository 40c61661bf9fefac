"""Key images of the open case: stores what the series viewer captures, lists them in the case view,
and applies caption edits and removals — each one call to ``Workspace.key_images``."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication


from PySide6.QtGui import QPixmap

from reviewer.annotations import Target
from ui.errors import show_error


def default_caption(series, details: dict) -> str:
    what = f"{series.modality} {series.description}".strip()
    return QCoreApplication.translate("KeyImages", "{series}, image {n} of {total}").format(
        series=what, n=details["slice"] + 1, total=details["slices"])


class KeyImageController:
    def __init__(self, session, case_view, series_loader):
        self.session, self.case_view, self.series_loader = session, case_view, series_loader
        # Decoded pictures by key image id, in memory while unlocked: reopening a case does not decode again.
        self._pixmaps: dict[str, QPixmap] = {}
        session.on_change(lambda unlocked: unlocked or self._pixmaps.clear())
        case_view.series_viewer.key_image_captured.connect(self.capture)
        case_view.key_image_panel.caption_edited.connect(self.set_caption)
        case_view.key_image_panel.remove_requested.connect(self.remove)

    def capture(self, png: bytes, details: dict) -> None:
        detail, series = self.case_view.detail, self.series_loader.loaded
        if detail is None or series is None:
            return
        try:
            ki = self.session.workspace.key_images.add(
                detail.summary.id, png, source="series",
                target_key=Target.series(series.series_uid, details["slice"]).key,
                caption=default_caption(series, details), pixel_spacing_mm=details.get("mm_per_pixel"),
                details={**details, "series_uid": series.series_uid})
        except Exception as exc:
            show_error(self.case_view, QCoreApplication.translate("KeyImages", "The key image was not kept"), exc)
            return
        self.refresh()
        self.case_view.notify(QCoreApplication.translate("KeyImages", "Key image kept in the case: {caption}").format(
            caption=ki.caption))

    def refresh(self) -> None:
        """Lists the case's key images with their pictures (decrypted into memory only)."""
        detail = self.case_view.detail
        if detail is None or not self.session.unlocked:
            return
        store = self.session.workspace.key_images
        items = []
        for ki in store.list(detail.summary.id):
            pixmap = self._pixmaps.get(ki.id)
            if pixmap is None:
                pixmap = self._pixmaps[ki.id] = QPixmap()
                pixmap.loadFromData(store.png(ki.id), "PNG")
            items.append((ki, pixmap))
        self.case_view.set_key_images(items)

    def set_caption(self, key_image_id: str, caption: str) -> None:
        try:
            self.session.workspace.key_images.set_caption(key_image_id, caption)
        except Exception as exc:
            show_error(self.case_view, QCoreApplication.translate("KeyImages", "The caption was not saved"), exc)
        self.refresh()

    def remove(self, key_image_id: str) -> None:
        try:
            self.session.workspace.key_images.remove(key_image_id)
            self._pixmaps.pop(key_image_id, None)
        except Exception as exc:
            show_error(self.case_view, QCoreApplication.translate("KeyImages", "The key image was not removed"), exc)
        self.refresh()
        self.case_view.select_first_series()
