"""One annotation model for DICOM images and pathology slides, GUI-free.

``AnnotationHierarchy`` (one per case) owns every change, with undo/redo and events;
``AnnotationStore`` saves each change to the encrypted database; ``measure`` and ``raster`` give
physical measurements and ROI statistics; ``geojson`` exchanges annotations with QuPath.
"""
from reviewer.annotations.classes import find_class, load_classes
from reviewer.annotations.errors import AnnotationError, GeoJSONError
from reviewer.annotations.events import AnnotationEvent, EventKind
from reviewer.annotations.geometry import Geometry, Kind
from reviewer.annotations.hierarchy import KEEP, AnnotationHierarchy
from reviewer.annotations.history import Change, Edit
from reviewer.annotations.measure import Measurement, PixelSize, RoiStats, measure, roi_stats
from reviewer.annotations.model import Annotation, Classification, Target
from reviewer.annotations.persistence import AnnotationStore

__all__ = ["Annotation", "AnnotationError", "AnnotationEvent", "AnnotationHierarchy", "AnnotationStore",
           "Change", "Classification", "Edit", "EventKind", "GeoJSONError", "Geometry", "KEEP", "Kind",
           "Measurement", "PixelSize", "RoiStats", "Target", "find_class", "load_classes", "measure", "roi_stats"]
