"""Opens the slide the user picks, in the background, and shows it in the slide viewer.

The registry and the TileCache come from the composition root (one of each for the app); the case's
annotation hierarchy is the one the series loader keeps for the case (one hierarchy per case owns
every change). A newer selection, a lock or leaving the case cancels the open in flight and closes
the open slide, so its tiles leave memory.
"""
from __future__ import annotations

import itertools

import numpy as np
from PySide6.QtCore import QCoreApplication

from reviewer import store
from reviewer.annotations import PixelSize, Target, load_classes
from reviewer.errors import ReviewerError
from reviewer.model import CaseDetail, Slide
from reviewer.pathology import open_workspace_slide
from ui.errors import message_for, show_error
from viewers.pathology.annotation_layer import AnnotationLayer

OVERVIEW_MAX = 2048      # px: the overview image is the lowest level, subsampled to at most this


def overview_image(handle) -> np.ndarray:
    """RGB of the lowest level, tile by tile (a corrupt tile stays white), at most OVERVIEW_MAX wide."""
    li = len(handle.levels) - 1
    lv = handle.levels[li]
    step = max(1, -(-max(lv.width, lv.height) // OVERVIEW_MAX))
    out = np.full((lv.height, lv.width, 3), 255, np.uint8)
    for c, r in handle.tiles_for_region(li, 0, 0, lv.width, lv.height):
        x, y, w, h = lv.tile_rect(c, r)
        try:
            out[y:y + h, x:x + w] = handle.read_tile(li, c, r)[:h, :w]
        except ReviewerError:
            continue
    return np.ascontiguousarray(out[::step, ::step])


class SlideLoader:
    def __init__(self, session, tasks, viewer, *, registry, cache, hierarchy_for, on_key_image=lambda: None):
        self.session, self.tasks, self.viewer = session, tasks, viewer
        self.registry, self.cache, self.hierarchy_for = registry, cache, hierarchy_for
        self.on_key_image = on_key_image
        self._ticket = itertools.count(1)
        self.current = 0
        self.handle = None
        self.loaded: Slide | None = None
        self._case: CaseDetail | None = None
        self._classes = None
        viewer.key_image_captured.connect(self.keep_key_image)
        viewer.associated_requested.connect(self.show_associated)

    def classes(self):
        if self._classes is None:
            self._classes = load_classes()
        return self._classes

    def cancel(self) -> None:
        """Stops the open in flight and closes the slide on screen (case closed, workspace locked)."""
        self.current = next(self._ticket)
        self.viewer.clear()
        self._close()

    def _close(self) -> None:
        handle, self.handle, self.loaded = self.handle, None, None
        if handle is not None:
            handle.close()

    def load(self, case: CaseDetail, slide: Slide) -> None:
        ticket = self.current = next(self._ticket)
        self.viewer.show_loading(slide.title or QCoreApplication.translate("SlideLoader", "the slide"))
        self._close()
        ws = self.session.workspace
        registry, cache = self.registry, self.cache

        def work():
            handle = open_workspace_slide(ws, slide, siblings=case.slides, registry=registry, cache=cache)
            try:
                if ticket != self.current:
                    return handle, None
                return handle, overview_image(handle)
            except BaseException:
                handle.close()
                raise

        def done(result):
            handle, overview = result
            if ticket != self.current:
                handle.close()
                return
            self.handle, self.loaded, self._case = handle, slide, case
            mpp = handle.info.mpp
            layer = AnnotationLayer(self.hierarchy_for(case.summary.id), Target.slide(slide.id),
                                    PixelSize.slide(*mpp) if mpp else None, ws.audit.actor, self.classes())
            self.viewer.show_slide(handle, overview, layer)
            with store.transaction(ws.db):
                ws.audit.append("slide.view", case.summary.id, slide_id=slide.id)

        def failed(exc):
            if ticket != self.current:
                return
            self.viewer.show_error(message_for(exc))

        self.tasks.run(work, done, failed)

    def show_associated(self) -> None:
        """Reads the open slide's label, macro and thumbnail in the background and shows them in the
        viewer (in memory only: a label can show patient data). Viewing them is audited."""
        handle, slide, case, ticket = self.handle, self.loaded, self._case, self.current
        if handle is None or slide is None or case is None or not handle.info.associated:
            return

        def work():
            images, failed = {}, {}
            for name in handle.info.associated:
                try:
                    images[name] = handle.read_associated(name)
                except ReviewerError as exc:
                    failed[name] = message_for(exc)
            return images, failed

        def done(result):
            if ticket != self.current or not self.session.unlocked:
                return
            images, failed = result
            self.viewer.show_associated(slide.title or QCoreApplication.translate("SlideLoader", "Slide"), images, failed)
            with store.transaction(self.session.workspace.db):
                self.session.workspace.audit.append("slide.associated.view", case.summary.id, slide_id=slide.id)

        def failed(exc):
            if ticket == self.current:
                show_error(self.viewer, QCoreApplication.translate("SlideLoader", "The label and macro images cannot be shown"), exc)

        self.tasks.run(work, done, failed)

    def keep_key_image(self, png: bytes, details: dict) -> None:
        case, slide = self._case, self.loaded
        if case is None or slide is None or not self.session.unlocked:
            return
        mag = details.get("magnification")
        caption = (slide.title or QCoreApplication.translate("SlideLoader", "Slide")) + (f", {mag:.1f}×" if mag else "")
        try:
            ki = self.session.workspace.key_images.add(
                case.summary.id, png, source="slide", target_key=Target.slide(slide.id).key, caption=caption,
                pixel_spacing_mm=details.get("mm_per_pixel"), details={**details, "slide_id": slide.id})
        except Exception as exc:
            show_error(self.viewer, QCoreApplication.translate("SlideLoader", "The key image was not kept"), exc)
            return
        self.on_key_image()
        self.viewer.status.setText(QCoreApplication.translate("SlideLoader", "Key image kept in the case: {caption}").format(
            caption=ki.caption))
