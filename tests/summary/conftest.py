import pytest


@pytest.fixture(scope="session")
def demo_packages(tmp_path_factory):
    """The three demo packages, written once; the breast slide is replaced by a small TIFF with the
    same kind of description (the full pyramid takes ~20 s and the summary reads only its header)."""
    import tifffile
    import numpy as np
    import reviewer.demo.case_breast as breast
    from reviewer.demo import write_demo_packages

    def small_slide(path, seed, case_id, block, *a, **k):
        tifffile.imwrite(path, np.zeros((16, 16, 3), np.uint8), description=f"Synthetic H&E. Case {case_id}, block {block}")

    mp = pytest.MonkeyPatch()
    mp.setattr(breast, "write_slide", small_slide)
    try:
        out = tmp_path_factory.mktemp("demo")
        paths = write_demo_packages(out)
    finally:
        mp.undo()
    return {p.name: p for p in paths}
