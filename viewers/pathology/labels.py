"""Names of annotation classes and kinds as the pathologist reads them.

The class name stays the identifier (it is what GeoJSON/QuPath exchange and the audit keep); only what
is shown is translated. The default classes of resources/annotation_classes.json are in the catalogue;
a class imported from elsewhere is shown as it is named.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CLASS_NAMES = (QT_TRANSLATE_NOOP("AnnotationClasses", "Tumour"), QT_TRANSLATE_NOOP("AnnotationClasses", "Stroma"),
               QT_TRANSLATE_NOOP("AnnotationClasses", "Necrosis"),
               QT_TRANSLATE_NOOP("AnnotationClasses", "Lymphovascular invasion"),
               QT_TRANSLATE_NOOP("AnnotationClasses", "Margin"), QT_TRANSLATE_NOOP("AnnotationClasses", "Other"))
KIND_NAMES = {"point": QT_TRANSLATE_NOOP("AnnotationKinds", "Point"),
              "line": QT_TRANSLATE_NOOP("AnnotationKinds", "Line"),
              "polyline": QT_TRANSLATE_NOOP("AnnotationKinds", "Polyline"),
              "rectangle": QT_TRANSLATE_NOOP("AnnotationKinds", "Rectangle"),
              "ellipse": QT_TRANSLATE_NOOP("AnnotationKinds", "Ellipse"),
              "polygon": QT_TRANSLATE_NOOP("AnnotationKinds", "Polygon"),
              "freehand": QT_TRANSLATE_NOOP("AnnotationKinds", "Freehand"),
              "arrow": QT_TRANSLATE_NOOP("AnnotationKinds", "Arrow"),
              "angle": QT_TRANSLATE_NOOP("AnnotationKinds", "Angle")}


def class_label(name: str) -> str:
    """A class's name in the user's language (a name the catalogue does not know, as it is)."""
    return QCoreApplication.translate("AnnotationClasses", name)


def kind_label(kind: str) -> str:
    """'polygon' → 'Polygon' (translated): what an unnamed annotation is called."""
    known = KIND_NAMES.get(kind)
    return QCoreApplication.translate("AnnotationKinds", known) if known else kind.capitalize()


def annotation_title(a) -> str:
    """An annotation's name, else its kind."""
    return a.name or kind_label(a.kind.value)
