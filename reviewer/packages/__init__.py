"""Case packages (DESIGN §4): safe reading, manifest verification, import."""
from reviewer.packages.importer import ImportResult, import_path
from reviewer.packages.sources import Limits

__all__ = ["ImportResult", "Limits", "import_path"]
