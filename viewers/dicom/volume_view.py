"""3D volume rendering with VTK inside Qt: presets (CT bone, soft tissue, angio, MIP), mouse rotate/zoom/pan.

Why offscreen: VTK renders into its own offscreen window (EGL on a headless Linux, the platform's
GL window elsewhere) and the image is painted by a plain QWidget. That works the same on a
desktop, under ``QT_QPA_PLATFORM=offscreen`` in CI and inside the PyInstaller bundle, and avoids
QVTKRenderWindowInteractor's dependence on a native window. A 600×600 frame costs a render plus a
readback of ~1 MB. Renders are coalesced: input marks the view dirty and one render runs from the
event loop (VTK's GL context is bound to the GUI thread, so rendering stays there).

World coordinates are DICOM LPS mm: the volume keeps its spacing, origin and direction, so the
patient is upright whatever the acquisition orientation.

Mouse: left drag rotates, right drag or wheel zooms, middle drag (or Shift+left) pans. Keys: R resets
the camera; 1–4 choose a preset.
"""
from __future__ import annotations

import os
import sys

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QSizePolicy, QToolButton, QVBoxLayout, QWidget

import vtkmodules.vtkRenderingVolumeOpenGL2  # noqa: F401  (registers the OpenGL volume mappers)
from vtkmodules.util.numpy_support import numpy_to_vtk, vtk_to_numpy
from vtkmodules.vtkCommonMath import vtkMatrix3x3
from vtkmodules.vtkCommonDataModel import vtkImageData, vtkPiecewiseFunction
from vtkmodules.vtkRenderingCore import (vtkColorTransferFunction, vtkRenderer, vtkRenderWindow, vtkVolume,
                                         vtkVolumeProperty, vtkWindowToImageFilter)
from vtkmodules.vtkRenderingVolume import vtkGPUVolumeRayCastMapper

# Transfer functions as data. Values are modality units (HU for CT). "color": (value, r, g, b);
# "opacity": (value, alpha); "gradient": optional (gradient magnitude, alpha); "blend": composite or mip.
VR_PRESETS: dict[str, dict] = {
    "CT bone": {
        "blend": "composite", "shade": True, "ambient": 0.2, "diffuse": 0.9, "specular": 0.3,
        "color": [(-1024, 0.0, 0.0, 0.0), (140, 0.55, 0.25, 0.15), (300, 0.9, 0.82, 0.66),
                  (1200, 1.0, 1.0, 0.95), (3071, 1.0, 1.0, 1.0)],
        "opacity": [(-1024, 0.0), (140, 0.0), (250, 0.2), (600, 0.6), (3071, 0.85)],
    },
    "Soft tissue": {
        "blend": "composite", "shade": True, "ambient": 0.25, "diffuse": 0.8, "specular": 0.15,
        "color": [(-1024, 0.0, 0.0, 0.0), (-500, 0.3, 0.15, 0.1), (-100, 0.75, 0.45, 0.35),
                  (40, 0.9, 0.6, 0.5), (200, 1.0, 0.9, 0.85), (3071, 1.0, 1.0, 1.0)],
        "opacity": [(-1024, 0.0), (-600, 0.0), (-400, 0.02), (-100, 0.05), (20, 0.12), (100, 0.2),
                    (400, 0.5), (3071, 0.8)],
        "gradient": [(0, 0.3), (60, 1.0)],
    },
    "Angio": {
        "blend": "composite", "shade": True, "ambient": 0.2, "diffuse": 0.9, "specular": 0.4,
        "color": [(-1024, 0.0, 0.0, 0.0), (120, 0.6, 0.05, 0.05), (250, 0.95, 0.35, 0.25),
                  (500, 1.0, 0.85, 0.75), (3071, 1.0, 1.0, 1.0)],
        "opacity": [(-1024, 0.0), (130, 0.0), (200, 0.35), (400, 0.7), (3071, 0.8)],
    },
    "MIP": {
        "blend": "mip", "shade": False,
        "color": [(-100, 0.0, 0.0, 0.0), (1100, 1.0, 1.0, 1.0)],
        "opacity": [(-1024, 0.0), (-100, 1.0), (3071, 1.0)],
    },
}


def _headless() -> bool:
    if os.environ.get("QT_QPA_PLATFORM", "") in ("offscreen", "minimal"):
        return True
    return sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def make_render_window() -> vtkRenderWindow:
    """An offscreen render window: EGL when headless on Linux (no X warning), the platform default otherwise."""
    window = None
    if sys.platform.startswith("linux") and _headless():
        try:
            from vtkmodules.vtkRenderingOpenGL2 import vtkEGLRenderWindow
            window = vtkEGLRenderWindow()
        except ImportError:            # a VTK build without EGL: the factory may still pick OSMesa
            window = None
    if window is None:
        window = vtkRenderWindow()
    window.SetOffScreenRendering(1)
    window.SetMultiSamples(0)
    return window


def image_data(array: np.ndarray, affine) -> vtkImageData:
    """A (slices, rows, cols) numpy volume as vtkImageData in LPS mm: spacing, origin and direction from
    ``affine`` (voxel (i, j, k) → mm). The array is shared, not copied: keep it alive as long as the image."""
    a = np.asarray(affine, dtype=np.float64)
    spacing = np.linalg.norm(a[:3, :3], axis=0)
    direction = a[:3, :3] / spacing            # a gantry tilt's shear is approximated by the unit columns
    K, J, I = array.shape
    img = vtkImageData()
    img.SetDimensions(I, J, K)
    img.SetSpacing(*map(float, spacing))
    img.SetOrigin(*map(float, a[:3, 3]))
    m = vtkMatrix3x3()
    for r in range(3):
        for c in range(3):
            m.SetElement(r, c, float(direction[r, c]))
    img.SetDirectionMatrix(m)
    flat = np.ascontiguousarray(array).reshape(-1)
    vtk_array = numpy_to_vtk(flat, deep=False)
    vtk_array.SetName("values")
    img.GetPointData().SetScalars(vtk_array)
    img._numpy_ref = flat                      # keeps the buffer alive with the image
    return img


def volume_property(preset: dict) -> vtkVolumeProperty:
    color = vtkColorTransferFunction()
    for v, r, g, b in preset["color"]:
        color.AddRGBPoint(float(v), r, g, b)
    opacity = vtkPiecewiseFunction()
    for v, alpha in preset["opacity"]:
        opacity.AddPoint(float(v), alpha)
    prop = vtkVolumeProperty()
    prop.SetColor(color)
    prop.SetScalarOpacity(opacity)
    if preset.get("gradient"):
        grad = vtkPiecewiseFunction()
        for v, alpha in preset["gradient"]:
            grad.AddPoint(float(v), alpha)
        prop.SetGradientOpacity(grad)
    prop.SetInterpolationTypeToLinear()
    if preset.get("shade"):
        prop.ShadeOn()
        prop.SetAmbient(preset.get("ambient", 0.2))
        prop.SetDiffuse(preset.get("diffuse", 0.8))
        prop.SetSpecular(preset.get("specular", 0.2))
        prop.SetSpecularPower(preset.get("specular_power", 15.0))
    else:
        prop.ShadeOff()
    return prop


class VolumeRenderer:
    """VTK scene rendering offscreen to numpy frames; no Qt. World = LPS mm."""

    def __init__(self, width: int = 400, height: int = 400, presets: dict[str, dict] | None = None):
        self.presets = dict(presets or VR_PRESETS)
        self.window = make_render_window()
        self.window.SetSize(max(1, width), max(1, height))
        self.renderer = vtkRenderer()
        self.renderer.SetBackground(0.0, 0.0, 0.0)
        self.window.AddRenderer(self.renderer)
        self.mapper = vtkGPUVolumeRayCastMapper()
        self.mapper.SetAutoAdjustSampleDistances(0)
        self.volume = vtkVolume()
        self.volume.SetMapper(self.mapper)
        self.preset_name = next(iter(self.presets))
        self._image: vtkImageData | None = None
        self._sample_mm = 1.0
        self._grab = vtkWindowToImageFilter()
        self._grab.SetInput(self.window)
        self._grab.ReadFrontBufferOff()
        self._grab.ShouldRerenderOff()
        self.set_preset(self.preset_name)

    # -- data ------------------------------------------------------------------------------
    def set_volume(self, array: np.ndarray, affine) -> None:
        if array.ndim != 3:
            raise ValueError("volume rendering needs a grey volume (slices, rows, columns)")
        self._image = image_data(array, affine)
        self.mapper.SetInputData(self._image)
        spacing = np.linalg.norm(np.asarray(affine, float)[:3, :3], axis=0)
        self._sample_mm = float(spacing.min()) * 0.7
        self.mapper.SetSampleDistance(self._sample_mm)
        if self.renderer.GetVolumes().GetNumberOfItems() == 0:
            self.renderer.AddVolume(self.volume)
        self.reset_camera()

    def clear(self) -> None:
        self.renderer.RemoveAllViewProps()
        self.mapper.RemoveAllInputs()
        self._image = None

    @property
    def has_volume(self) -> bool:
        return self._image is not None

    def set_preset(self, name: str) -> None:
        preset = self.presets[name]
        self.preset_name = name
        self.volume.SetProperty(volume_property(preset))
        if preset.get("blend") == "mip":
            self.mapper.SetBlendModeToMaximumIntensity()
        else:
            self.mapper.SetBlendModeToComposite()

    # -- camera ----------------------------------------------------------------------------
    def reset_camera(self) -> None:
        """Anterior view: looking from the patient's front (−y toward +y), superior up, patient left on
        screen right (radiological)."""
        cam = self.renderer.GetActiveCamera()
        if self._image is not None:
            b = self._image.GetBounds()
            centre = ((b[0] + b[1]) / 2, (b[2] + b[3]) / 2, (b[4] + b[5]) / 2)
        else:
            centre = (0.0, 0.0, 0.0)
        cam.SetFocalPoint(*centre)
        cam.SetPosition(centre[0], centre[1] - 1000.0, centre[2])
        cam.SetViewUp(0.0, 0.0, 1.0)
        cam.SetViewAngle(30.0)
        self.renderer.ResetCamera()
        self.renderer.ResetCameraClippingRange()

    def rotate(self, dx: float, dy: float) -> None:
        """Screen-pixel drag → azimuth/elevation (half a degree per pixel)."""
        cam = self.renderer.GetActiveCamera()
        cam.Azimuth(-dx * 0.5)
        cam.Elevation(dy * 0.5)
        cam.OrthogonalizeViewUp()
        self.renderer.ResetCameraClippingRange()

    def zoom(self, factor: float) -> None:
        self.renderer.GetActiveCamera().Dolly(factor)
        self.renderer.ResetCameraClippingRange()

    def pan(self, dx: float, dy: float) -> None:
        cam = self.renderer.GetActiveCamera()
        w, h = self.window.GetSize()
        fp, pos = np.array(cam.GetFocalPoint()), np.array(cam.GetPosition())
        dist = np.linalg.norm(fp - pos)
        mm_per_px = 2 * dist * np.tan(np.radians(cam.GetViewAngle() / 2)) / max(1, h)
        up = np.array(cam.GetViewUp())
        forward = (fp - pos) / dist
        right = np.cross(forward, up)
        shift = (-dx * right + dy * up) * mm_per_px
        cam.SetFocalPoint(*(fp + shift))
        cam.SetPosition(*(pos + shift))

    # -- frames ----------------------------------------------------------------------------
    def resize(self, width: int, height: int) -> None:
        self.window.SetSize(max(1, width), max(1, height))

    def render(self, interactive: bool = False) -> np.ndarray:
        """Renders and returns the frame, (height, width, 3) uint8, top row first. ``interactive`` trades
        quality for speed while the user drags (half-resolution rays, coarser steps along them)."""
        self.mapper.SetImageSampleDistance(2.0 if interactive else 1.0)
        self.mapper.SetSampleDistance(self._sample_mm * (2.5 if interactive else 1.0))
        self.window.Render()
        self._grab.Modified()
        self._grab.Update()
        out = self._grab.GetOutput()
        w, h, _ = out.GetDimensions()
        rgb = vtk_to_numpy(out.GetPointData().GetScalars()).reshape(h, w, -1)[..., :3]
        return np.ascontiguousarray(rgb[::-1])

    def close(self) -> None:
        self.clear()
        self.window.Finalize()


class VolumeViewport(QWidget):
    """Paints the frames of a ``VolumeRenderer``; mouse rotates, zooms and pans."""
    KEY_HELP_TITLE = QT_TRANSLATE_NOOP("VolumeViewport", "Imaging: 3D")
    KEY_HELP = (
        ("R", QT_TRANSLATE_NOOP("VolumeViewport", "Reset the camera")),
        ("1–4", QT_TRANSLATE_NOOP("VolumeViewport", "Rendering presets: CT bone, soft tissue, angio, MIP")),
        ("Drag / wheel", QT_TRANSLATE_NOOP("VolumeViewport", "Rotate / zoom")),
    )


    rendered = Signal()

    def __init__(self, parent=None, renderer: VolumeRenderer | None = None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setMinimumSize(200, 200)
        self.setFocusPolicy(Qt.StrongFocus)
        self.vr = renderer or VolumeRenderer(self.width(), self.height())
        self.frame: np.ndarray | None = None
        self._qimage: QImage | None = None
        self._dirty = True
        self._drag = None
        self.message = "No volume"
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self.render_now)

    def set_volume(self, array: np.ndarray, affine) -> None:
        self.vr.set_volume(array, affine)
        self.message = ""
        self.schedule()

    def set_preset(self, name: str) -> None:
        self.vr.set_preset(name)
        self.schedule()

    def reset_camera(self) -> None:
        self.vr.reset_camera()
        self.schedule()

    def show_message(self, text: str) -> None:
        self.vr.clear()
        self.message = text
        self.frame = None
        self.update()

    def schedule(self) -> None:
        self._dirty = True
        if not self._timer.isActive():
            self._timer.start()

    def render_now(self) -> np.ndarray | None:
        """Renders at the widget's size (synchronously) and repaints; returns the frame. While a drag is
        in progress the frame is a fast preview; releasing the mouse renders at full quality."""
        if not self.vr.has_volume:
            return None
        w, h = max(1, self.width()), max(1, self.height())
        self.vr.resize(w, h)
        self.frame = self.vr.render(interactive=self._drag is not None)
        fh, fw = self.frame.shape[:2]
        self._qimage = QImage(self.frame.data, fw, fh, 3 * fw, QImage.Format_RGB888)
        self._dirty = False
        self.update()
        self.rendered.emit()
        return self.frame

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), Qt.black)
        if self._qimage is not None and self.vr.has_volume:
            p.drawImage(QPointF(0, 0), self._qimage)
            p.setPen(QColor("#f2f2f2"))
            p.drawText(10, self.height() - 10, self.vr.preset_name)
        else:
            p.setPen(QColor("#e0e0e0"))
            p.drawText(self.rect(), Qt.AlignCenter | Qt.TextWordWrap, self.message or self.tr("Rendering…"))
        p.end()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.schedule()

    def mousePressEvent(self, event) -> None:
        self._drag = (event.button(), event.modifiers(), event.position())

    def mouseMoveEvent(self, event) -> None:
        if not self._drag or not self.vr.has_volume:
            return
        button, mods, last = self._drag
        pos = event.position()
        dx, dy = pos.x() - last.x(), pos.y() - last.y()
        if button == Qt.LeftButton and not (mods & Qt.ShiftModifier):
            self.vr.rotate(dx, dy)
        elif button == Qt.MiddleButton or button == Qt.LeftButton:
            self.vr.pan(dx, dy)
        elif button == Qt.RightButton:
            self.vr.zoom(1.01 ** (-dy))
        self._drag = (button, mods, pos)
        self.schedule()

    def mouseReleaseEvent(self, event) -> None:
        self._drag = None
        self.schedule()                     # full quality after the preview frames

    def wheelEvent(self, event) -> None:
        if self.vr.has_volume:
            self.vr.zoom(1.1 ** (event.angleDelta().y() / 120))
            self.schedule()

    def keyPressEvent(self, event) -> None:
        names = list(self.vr.presets)
        k = event.key()
        if k == Qt.Key_R:
            self.reset_camera()
        elif Qt.Key_1 <= k < Qt.Key_1 + len(names):
            self.set_preset(names[k - Qt.Key_1])
        else:
            super().keyPressEvent(event)


class VolumeView(QWidget):
    """The 3D tab: a preset chooser and reset button over a ``VolumeViewport``."""

    def __init__(self, parent=None, presets: dict[str, dict] | None = None):
        super().__init__(parent)
        self.viewport = VolumeViewport(self, VolumeRenderer(presets=presets))
        self.presets = QComboBox(objectName="vrPresets")
        self.presets.addItems(list(self.viewport.vr.presets))
        self.presets.setToolTip(self.tr("Transfer function preset (keys 1–4)"))
        self.presets.currentTextChanged.connect(self.viewport.set_preset)
        self.reset = QToolButton(text=self.tr("Reset view"), toolTip=self.tr("Anterior view, whole volume (R)"))
        self.reset.clicked.connect(self.viewport.reset_camera)
        bar = QHBoxLayout()
        bar.addWidget(self.presets)
        bar.addWidget(self.reset)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.viewport, 1)

    def set_volume(self, array: np.ndarray, affine) -> None:
        """Shows a grey volume (slices, rows, cols) in modality values; anything else gets a message."""
        if array.ndim != 3 or array.shape[0] < 2:
            self.show_message(self.tr("3D rendering needs a grey-scale volume of several slices"))
            return
        self.viewport.set_volume(array, affine)

    def set_preset(self, name: str) -> None:
        self.presets.setCurrentText(name)          # → viewport.set_preset

    def show_message(self, text: str) -> None:
        self.viewport.show_message(text)
